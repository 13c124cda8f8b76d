package io.commandcenter.ingest.shelly;

import java.net.URI;
import java.time.Duration;

import io.commandcenter.ingest.CallSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Shelly Cloud ({@code COMMANDCENTER_SHELLY_*} in the environment). Both the account's server and its key come from
 * the Shelly app (Settings → Authorization cloud key). Without them the adapter uses the embedded simulator when one
 * runs, and stays off otherwise.
 *
 * @param baseUrl      the account's cloud server, e.g. https://shelly-103-eu.shelly.cloud
 * @param authKey      the account's cloud key
 * @param api          Cloud Control API: {@code v2} (default) or the deprecated {@code v1}
 * @param pollInterval time between polls; empty means 2 minutes (2 seconds on the simulator)
 * @param rateLimit    requests per {@code ratePeriod} for the account, polls and commands together; Shelly allows 1
 *                     per second per account (turns are spaced a tenth more, 1.1 s)
 * @param ratePeriod   the rate-limit window
 * @param call         timeouts, retries and circuit breaker
 */
@ConfigurationProperties("commandcenter.shelly")
@Validated
record ShellyProperties(
        URI baseUrl,
        String authKey,
        @DefaultValue("v2") @NotNull ShellyApi api,
        @DurationMin(inclusive = false) Duration pollInterval,
        @DefaultValue("1") @Positive int rateLimit,
        @DefaultValue("1s") @NotNull @DurationMin(inclusive = false) Duration ratePeriod,
        @DefaultValue @NotNull @Valid CallSettings call) {

    boolean hasCredentials() {
        return baseUrl != null && authKey != null && !authKey.isBlank();
    }
}
