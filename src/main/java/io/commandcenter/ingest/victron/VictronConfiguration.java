package io.commandcenter.ingest.victron;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.commandcenter.ingest.internal.SimulatorLink;
import io.commandcenter.ingest.internal.SiteIdentity;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.timeseries.ReadingWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Real VRM when an access token or a login is configured, else the embedded simulator, else off. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(VictronProperties.class)
class VictronConfiguration {

    private static final Logger log = LoggerFactory.getLogger(VictronConfiguration.class);

    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(3);

    @Bean
    VictronPoller victronPoller(VictronProperties properties, ObjectProvider<EmbeddedSimulator> simulator,
                                ReadingWriter writer, SiteIdentity site, Clock clock) {
        if (properties.hasCredentials()) {
            String warning = properties.passwordLoginWarning();
            if (warning != null) {
                log.warn(warning);
            }
            var account = new VictronClient.Account(properties.accessToken(), properties.username(), properties.password());
            var client = new VictronClient(properties.baseUrl(), account, properties.call(), properties.rateLimit(),
                    properties.ratePeriod(), clock);
            return new VictronPoller(client, writer, site.id(), properties.installationId(),
                    properties.batteryInstance(), SimulatorLink.interval(properties.pollInterval(), DEFAULT_INTERVAL, false),
                    properties.staleAfter(), "VRM " + properties.baseUrl(), 1);
        }
        Optional<SimulatorLink> sim = SimulatorLink.of(simulator);
        if (sim.isPresent()) {
            var credentials = sim.get().credentials();
            var client = new VictronClient(sim.get().path("/vrm"), VictronClient.Account.token(credentials.vrmAccessToken()),
                    properties.call(), properties.rateLimit(), properties.ratePeriod(), clock);
            return new VictronPoller(client, writer, site.id(), credentials.vrmSiteId(),
                    properties.batteryInstance(), SimulatorLink.interval(properties.pollInterval(), DEFAULT_INTERVAL, true),
                    properties.staleAfter(), "simulator", simulator.getObject().simulator().clock().speed());
        }
        return VictronPoller.off("not configured: set COMMANDCENTER_VICTRON_ACCESS_TOKEN (or USERNAME and PASSWORD)");
    }
}
