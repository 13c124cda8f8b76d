package io.commandcenter.simulation.standin;

import java.net.URI;

import io.commandcenter.ingest.StandInClouds;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.simulation.SimulatorWanted;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the embedded site simulator in as the stand-in clouds for accounts that are not set up, when the simulator is
 * wanted ({@link SimulatorWanted}: by configuration, or because no cloud account is set). This is the one place that
 * knows both: the adapters only see endpoints and accounts, and reach the simulator over HTTP as they would the real
 * clouds. It sits in a sub-package so that the simulator itself knows nothing of the platform.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(SimulatorWanted.class)
class SimulatedSiteConfiguration {

    @Bean
    StandInClouds standInClouds(EmbeddedSimulator simulator) {
        var accounts = simulator.credentials();
        URI base = simulator.baseUri();
        return new StandInClouds(URI.create(base + "/vrm"), accounts.vrmAccessToken(), accounts.vrmSiteId(),
                URI.create(base + "/solark"), accounts.solarkUsername(), accounts.solarkPassword(),
                accounts.solarkPlantId(), URI.create(base + "/shelly"), accounts.shellyAuthKey(),
                URI.create(base + "/shelly-local"), URI.create(base + "/open-meteo"),
                simulator.simulator().scenario().site().pvPeakW() / 1000, simulator.simulator().clock()::now,
                simulator.simulator().clock().speed());
    }
}
