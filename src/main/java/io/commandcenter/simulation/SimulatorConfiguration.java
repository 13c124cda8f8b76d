package io.commandcenter.simulation;

import io.commandcenter.sitemodel.Scenario;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/** Starts the embedded simulator when asked to, or on a first run with no cloud account configured. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(SimulatorProperties.class)
class SimulatorConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SimulatorConfiguration.class);

    @Bean(destroyMethod = "close")
    @Conditional(SimulatorWanted.class)
    EmbeddedSimulator embeddedSimulator(SimulatorProperties properties) {
        Scenario scenario = Scenario.resolve(properties.scenario());
        // The story starts at the scenario start whatever the wall date, and runs at the configured speed.
        SimulationClock clock = properties.speed() == 0
                ? SimulationClock.manual(scenario.start())
                : SimulationClock.running(scenario.start(), properties.speed());
        SiteSimulator simulator = new SiteSimulator(scenario, clock).start(properties.port());
        log.info("Site simulator '{}' at {} (speed {}x, simulated time {}); VRM {}, Shelly {}, SolArk {}",
                scenario.name(), simulator.baseUri(), properties.speed(), clock.now(),
                simulator.vrmBaseUri(), simulator.shellyBaseUri(), simulator.solarkBaseUri());
        return new EmbeddedSimulator(simulator);
    }
}
