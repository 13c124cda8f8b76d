package io.commandcenter.control;

import java.time.Clock;

import io.commandcenter.device.DeviceSwitch;
import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureDefault;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Fallback;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * The control pipeline's settings and threads. How relays are reached is not decided here: control is handed the
 * one {@link io.commandcenter.device.DeviceSwitch} the vendor folder provides.
 * <p>
 * The threads are control's own and only injected where named ({@code defaultCandidate = false}), so Spring Boot
 * still provides the application's scheduler for {@code @Scheduled} methods and its task executor; Spring shuts
 * them down with the application.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ControlProperties.class)
class ControlConfiguration {

    /**
     * The default of {@link Feature#HARDWARE_CONTROL} when {@code commandcenter.features.hardware-control} is not set:
     * {@code commandcenter.control.hardware-enabled}, or, unset, on when the relays are the embedded simulator's and
     * off on a real site until the owner turns it on.
     */
    @Bean
    static FeatureDefault hardwareControlDefault(ControlProperties settings, DeviceSwitch relays) {
        if (settings.hardwareEnabled() != null) {
            return new FeatureDefault(Feature.HARDWARE_CONTROL, settings.hardwareEnabled(),
                    "commandcenter.control.hardware-enabled (env COMMANDCENTER_CONTROL_HARDWARE_ENABLED)");
        }
        return relays.simulated() ? new FeatureDefault(Feature.HARDWARE_CONTROL, true, "on with the simulator")
                : new FeatureDefault(Feature.HARDWARE_CONTROL, false, "off on a real site until turned on");
    }

    /** Names the scheduler that runs each command's next step on the clock (see {@link CommandStateMachine}). */
    static final String COMMAND_STEPS = "commandSteps";

    /**
     * Runs the steps of commands in flight at the time the clock says: the next verification read, the next attempt
     * after its backoff, the end of a wait for a busy device. A step may wait seconds for the cloud's turn, so
     * several commands on different devices need a thread each. Gives way to another scheduler qualified the same
     * ({@code @Fallback}): the control tests bring one that skips ahead while commands wait.
     */
    @Bean(defaultCandidate = false)
    @Qualifier(COMMAND_STEPS)
    @Fallback
    ThreadPoolTaskScheduler commandSteps(Clock clock) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(8);
        scheduler.setThreadNamePrefix("command-");
        scheduler.setClock(clock);
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }

    /** Carries out what the rules decided on their own, off the engine thread (two at a time). */
    @Bean(defaultCandidate = false)
    @Qualifier("automation")
    ThreadPoolTaskExecutor automation() {
        ThreadPoolTaskExecutor executor = new ThreadPoolTaskExecutor();
        executor.setCorePoolSize(2);
        executor.setMaxPoolSize(2);
        executor.setThreadNamePrefix("automation-");
        return executor;
    }

    /** Runs queued actions again when their device is back, off the poller's thread: a retry may take seconds. */
    @Bean(defaultCandidate = false)
    @Qualifier("retryQueue")
    ThreadPoolTaskScheduler retryQueue(Clock clock) {
        ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(1);
        scheduler.setThreadNamePrefix("retry-queue-");
        scheduler.setClock(clock);
        return scheduler;
    }
}
