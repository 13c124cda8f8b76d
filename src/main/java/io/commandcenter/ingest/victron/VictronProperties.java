package io.commandcenter.ingest.victron;

import java.net.URI;
import java.time.Duration;

import io.commandcenter.ingest.CallSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import jakarta.validation.constraints.PositiveOrZero;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The Victron VRM cloud ({@code COMMANDCENTER_VICTRON_*} in the environment). With neither an access token nor a
 * username/password the adapter uses the embedded simulator when one runs, and stays off otherwise.
 *
 * @param baseUrl         VRM API root (paths start with {@code /v2})
 * @param accessToken     personal access token (VRM → Preferences → Integrations → Access tokens): the documented way
 * @param username        VRM login, used only without an access token. Deprecated by VRM from 1 June 2026.
 * @param password        VRM password (deprecated with the password login)
 * @param installationId  the site's idSite; when empty the account's first installation
 * @param batteryInstance the battery monitor's device instance (VRM device list), for the BatterySummary widget;
 *                        when empty it is found in the installation's diagnostics
 * @param pollInterval    time between polls; empty means 3 minutes (3 seconds on the simulator)
 * @param staleAfter      values older than this are not stored
 * @param rateLimit       requests allowed per {@code ratePeriod}; VRM's published limits disagree, so tune it here
 * @param ratePeriod      the rate-limit window
 * @param call            timeouts, retries and circuit breaker
 */
@ConfigurationProperties("commandcenter.victron")
@Validated
record VictronProperties(
        @DefaultValue("https://vrmapi.victronenergy.com") @NotNull URI baseUrl,
        String accessToken,
        String username,
        String password,
        Long installationId,
        @PositiveOrZero Integer batteryInstance,
        @DurationMin(inclusive = false) Duration pollInterval,
        @DefaultValue("10m") @NotNull @DurationMin(inclusive = false) Duration staleAfter,
        @DefaultValue("3") @Positive int rateLimit,
        @DefaultValue("1s") @NotNull @DurationMin(inclusive = false) Duration ratePeriod,
        @DefaultValue @NotNull @Valid CallSettings call) {

    boolean hasCredentials() {
        return hasText(accessToken) || (hasText(username) && hasText(password));
    }

    /** The start-up warning when VRM is reached with the deprecated password login; null with an access token. */
    String passwordLoginWarning() {
        if (hasText(accessToken) || !hasCredentials()) {
            return null;
        }
        return "VRM password login (Bearer) is deprecated by Victron from 1 June 2026 and may stop working: create an"
                + " access token in VRM (Preferences → Integrations → Access tokens) and set"
                + " COMMANDCENTER_VICTRON_ACCESS_TOKEN instead of USERNAME/PASSWORD";
    }

    static boolean hasText(String value) {
        return value != null && !value.isBlank();
    }
}
