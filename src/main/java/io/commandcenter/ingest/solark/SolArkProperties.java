package io.commandcenter.ingest.solark;

import java.net.URI;
import java.time.Duration;
import java.time.ZoneId;

import io.commandcenter.ingest.CallSettings;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The SolArk cloud ({@code COMMANDCENTER_SOLARK_*} in the environment). Without username and password the adapter
 * uses the embedded simulator when one runs, and stays off otherwise.
 *
 * @param baseUrl      API root
 * @param username     SolArk cloud login (e-mail)
 * @param password     SolArk cloud password
 * @param plantId      the plant (site) to read; when empty the account's first plant
 * @param zone         the plant's time zone, for the day the energy-flow call asks about
 * @param pollInterval time between polls; empty means 2 minutes (2 seconds on the simulator). The cloud itself
 *                     refreshes about every 5 minutes, so repeated identical values are normal.
 * @param rateLimit    requests per {@code ratePeriod}
 * @param ratePeriod   the rate-limit window
 * @param call         timeouts, retries and circuit breaker
 */
@ConfigurationProperties("commandcenter.solark")
record SolArkProperties(
        @DefaultValue("https://api.solarkcloud.com") URI baseUrl,
        String username,
        String password,
        Long plantId,
        ZoneId zone,
        Duration pollInterval,
        @DefaultValue("2") int rateLimit,
        @DefaultValue("1s") Duration ratePeriod,
        @DefaultValue CallSettings call) {

    boolean hasCredentials() {
        return username != null && !username.isBlank() && password != null && !password.isBlank();
    }
}
