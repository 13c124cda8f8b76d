package io.commandcenter.ingest.solark;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;

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
 * The SolArk cloud ({@code COMMANDCENTER_SOLARK_*} in the environment). Without username and password the adapter
 * uses the embedded simulator when one runs, and stays off otherwise.
 *
 * @param baseUrl      API root: {@code https://api.solarkcloud.com}; one maintained client reports the API moving to
 *                     {@code https://p2.api.solarkcloud.com} (August 2026), so it is configurable
 * @param portalUrl    the web portal, sent as {@code Origin}/{@code Referer} with the login as the portal does
 * @param username     SolArk cloud login (e-mail)
 * @param password     SolArk cloud password
 * @param plantId      the plant (site) to read; when empty the account's first plant
 * @param zone         the plant's time zone, for the day the energy-flow call asks about
 * @param pollInterval time between polls; empty means 2 minutes (2 seconds on the simulator). The cloud itself
 *                     refreshes about every 5 minutes, so repeated identical values are normal.
 * @param staleAfter   a flow whose values have not changed this long while the battery monitor shows the battery
 *                     moving is stale; empty means 15 minutes (15 seconds on the simulator). The cloud refreshes
 *                     every ~5 minutes, so keep it well above that.
 * @param batteryMovingCurrent amps through the battery monitor (either way) that count as "the battery is moving"
 * @param rateLimit    requests per {@code ratePeriod}
 * @param ratePeriod   the rate-limit window
 * @param call         timeouts, retries and circuit breaker
 */
@ConfigurationProperties("commandcenter.solark")
@Validated
record SolArkProperties(
        @DefaultValue("https://api.solarkcloud.com") @NotNull URI baseUrl,
        @DefaultValue("https://www.solarkcloud.com") @NotNull URI portalUrl,
        String username,
        String password,
        Long plantId,
        ZoneId zone,
        @DurationMin(inclusive = false) Duration pollInterval,
        @DurationMin(inclusive = false) Duration staleAfter,
        @DefaultValue("2") @PositiveOrZero double batteryMovingCurrent,
        @DefaultValue("2") @Positive int rateLimit,
        @DefaultValue("1s") @NotNull @DurationMin(inclusive = false) Duration ratePeriod,
        @DefaultValue @NotNull @Valid CallSettings call) {

    boolean hasCredentials() {
        return username != null && !username.isBlank() && password != null && !password.isBlank();
    }
}
