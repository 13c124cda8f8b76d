package io.commandcenter.ingest.solark;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Optional;

import io.commandcenter.ingest.internal.SimulatorLink;
import io.commandcenter.ingest.internal.SiteIdentity;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.timeseries.ReadingWriter;
import io.commandcenter.timeseries.TimeseriesQueries;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Real SolArk cloud when a login is configured, else the embedded simulator, else off. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SolArkProperties.class)
class SolArkConfiguration {

    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(2);
    private static final Duration DEFAULT_STALE_AFTER = Duration.ofMinutes(15);

    @Bean
    SolArkPoller solArkPoller(SolArkProperties properties, ObjectProvider<EmbeddedSimulator> simulator,
                              ReadingWriter writer, TimeseriesQueries queries, SiteIdentity site, Clock clock) {
        ZoneId zone = properties.zone() != null ? properties.zone() : ZoneId.systemDefault();
        if (properties.hasCredentials()) {
            var client = new SolArkClient(properties.baseUrl(), properties.portalUrl(), properties.username(),
                    properties.password(), properties.call(), properties.rateLimit(), properties.ratePeriod(), clock);
            return new SolArkPoller(client, writer, queries, site.id(), properties.plantId(), zone,
                    SimulatorLink.interval(properties.pollInterval(), DEFAULT_INTERVAL, false),
                    SimulatorLink.interval(properties.staleAfter(), DEFAULT_STALE_AFTER, false),
                    properties.batteryMovingCurrent(), "SolArk " + properties.baseUrl());
        }
        Optional<SimulatorLink> sim = SimulatorLink.of(simulator);
        if (sim.isPresent()) {
            var credentials = sim.get().credentials();
            var client = new SolArkClient(sim.get().path("/solark"), properties.portalUrl(), credentials.solarkUsername(),
                    credentials.solarkPassword(), properties.call(), properties.rateLimit(), properties.ratePeriod(), clock);
            return new SolArkPoller(client, writer, queries, site.id(), credentials.solarkPlantId(), zone,
                    SimulatorLink.interval(properties.pollInterval(), DEFAULT_INTERVAL, true),
                    SimulatorLink.interval(properties.staleAfter(), DEFAULT_STALE_AFTER, true),
                    properties.batteryMovingCurrent(), "simulator");
        }
        return SolArkPoller.off("not configured: set COMMANDCENTER_SOLARK_USERNAME and COMMANDCENTER_SOLARK_PASSWORD");
    }
}
