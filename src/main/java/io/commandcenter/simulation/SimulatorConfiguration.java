package io.commandcenter.simulation;


import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.type.AnnotatedTypeMetadata;

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

    /**
     * {@code commandcenter.simulator.enabled} decides when set; otherwise the simulator runs only while no real
     * Victron, Shelly or SolArk account is configured.
     */
    static class SimulatorWanted implements Condition {

        static final String[] REAL_ACCOUNTS = {"commandcenter.victron.access-token", "commandcenter.victron.username",
                "commandcenter.shelly.auth-key", "commandcenter.solark.username"};

        @Override
        public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
            Binder binder = Binder.get(context.getEnvironment());
            var enabled = binder.bind("commandcenter.simulator.enabled", Boolean.class);
            if (enabled.isBound()) {
                return enabled.get();
            }
            for (String account : REAL_ACCOUNTS) {
                if (binder.bind(account, String.class).map(String::isBlank).map(blank -> !blank).orElse(false)) {
                    return false;
                }
            }
            return true;
        }
    }
}
