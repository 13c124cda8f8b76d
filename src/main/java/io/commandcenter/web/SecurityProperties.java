package io.commandcenter.web;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Sign-in settings.
 *
 * @param adminUser     the first admin's user name ({@code COMMANDCENTER_ADMIN_USER}); blank means "admin"
 *                      with a generated first-run password when no admin exists yet
 * @param adminPassword the first admin's password ({@code COMMANDCENTER_ADMIN_PASSWORD}); when set, it is
 *                      (re)applied on every start so a lost password can be reset from the environment
 * @param tokenLifetime how long a new API token works ({@code commandcenter.security.token-lifetime}, default 90 days)
 * @param signIn        how repeated failed sign-ins are slowed down
 */
@ConfigurationProperties("commandcenter.security")
@Validated
record SecurityProperties(String adminUser, String adminPassword,
                          @DefaultValue("P90D") @NotNull @DurationMin(inclusive = false) Duration tokenLifetime,
                          @DefaultValue @NotNull @Valid SignIn signIn) {

    static final String DEFAULT_ADMIN = "admin";

    @ConstructorBinding
    SecurityProperties {
        tokenLifetime = tokenLifetime == null ? Duration.ofDays(90) : tokenLifetime;
        signIn = signIn == null ? new SignIn(5, 20, Duration.ofMinutes(15), Duration.ofMinutes(1)) : signIn;
    }

    SecurityProperties(String adminUser, String adminPassword) {
        this(adminUser, adminPassword, null, null);
    }

    /**
     * @param maxFailures        failed sign-ins per user name within {@code window} before attempts are refused
     * @param maxAddressFailures failed sign-ins per client address within {@code window} before attempts are refused
     * @param window             how long a failure counts
     * @param lockout            the first refusal period; it doubles with every further failure, up to {@code window}
     */
    record SignIn(@DefaultValue("5") @Positive int maxFailures, @DefaultValue("20") @Positive int maxAddressFailures,
                  @DefaultValue("PT15M") @NotNull @DurationMin(inclusive = false) Duration window,
                  @DefaultValue("PT1M") @NotNull @DurationMin(inclusive = false) Duration lockout) {
    }

    boolean adminConfigured() {
        return adminPassword != null && !adminPassword.isBlank();
    }

    String adminUserOrDefault() {
        return adminUser == null || adminUser.isBlank() ? DEFAULT_ADMIN : adminUser.trim();
    }
}
