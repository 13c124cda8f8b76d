package io.commandcenter.ingest.shelly;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;

import io.commandcenter.device.DeviceDiscovery;
import io.commandcenter.device.DevicePresence;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.device.DeviceService;
import io.commandcenter.ingest.internal.SimulatorLink;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.timeseries.ReadingWriter;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Real Shelly Cloud when server and key are configured, else the embedded simulator, else a client that refuses
 * every call (so features that switch relays still start).
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ShellyProperties.class)
class ShellyConfiguration {

    private static final Log log = LogFactory.getLog(ShellyConfiguration.class);
    private static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(2);

    @Bean
    ShellyCloudClient shellyCloudClient(ShellyProperties properties, ObjectProvider<EmbeddedSimulator> simulator,
                                        Clock clock) {
        if (properties.hasCredentials()) {
            return new ShellyCloudClient(properties.baseUrl(), properties.authKey(), properties.api(), properties.call(),
                    ShellyCloudClient.budgetFor(properties.rateLimit(), properties.ratePeriod()), clock);
        }
        Optional<SimulatorLink> sim = SimulatorLink.of(simulator);
        if (sim.isPresent()) {
            return new ShellyCloudClient(sim.get().path("/shelly"), sim.get().credentials().shellyAuthKey(),
                    properties.api(), properties.call(),
                    ShellyCloudClient.budgetFor(properties.rateLimit(), properties.ratePeriod()), clock);
        }
        return ShellyCloudClient.notConfigured(
                "Shelly Cloud is not configured: set COMMANDCENTER_SHELLY_BASE_URL and COMMANDCENTER_SHELLY_AUTH_KEY");
    }

    @Bean
    ShellyPoller shellyPoller(ShellyCloudClient client, ShellyProperties properties,
                              ObjectProvider<EmbeddedSimulator> simulator, DeviceRegistry registry,
                              DevicePresence presence, ReadingWriter writer, ObjectProvider<DeviceService> devices) {
        boolean onSimulator = !properties.hasCredentials() && simulator.getIfAvailable() != null;
        String origin = properties.hasCredentials() ? "Shelly Cloud " + properties.baseUrl() + " (API " + properties.api() + ")"
                : onSimulator ? "simulator" : "not configured: set COMMANDCENTER_SHELLY_BASE_URL and COMMANDCENTER_SHELLY_AUTH_KEY";
        // On the simulator's first run the relays get their names (miner-1, ...) without any setup.
        Runnable firstRun = onSimulator ? () -> {
            var found = devices.getObject().discover();
            log.info("Registered " + found.added().size() + " simulator devices: "
                    + found.added().stream().map(d -> d.name() + " (" + d.type() + ")").toList());
        } : null;
        return new ShellyPoller(client, registry, presence, writer,
                SimulatorLink.interval(properties.pollInterval(), DEFAULT_INTERVAL, onSimulator), origin, firstRun);
    }

    @Bean
    DeviceDiscovery shellyDiscovery(ShellyCloudClient client) {
        return client.configured() ? new ShellyDiscovery(client) : null;
    }
}
