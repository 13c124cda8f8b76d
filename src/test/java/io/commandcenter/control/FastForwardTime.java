package io.commandcenter.control;

import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Primary;

/**
 * Control tests run on a clock that skips ahead while commands wait (see {@link FastForwardScheduler}): a failed
 * switch with three attempts and a rollback takes milliseconds instead of seconds.
 */
@TestConfiguration(proxyBeanMethods = false)
class FastForwardTime {

    @Bean
    @Primary
    SkippingClock skippingClock() {
        return new SkippingClock();
    }

    /** Takes the place of control's own step scheduler, which is only a fallback. */
    @Bean(defaultCandidate = false)
    @Qualifier(ControlConfiguration.COMMAND_STEPS)
    FastForwardScheduler fastForwardScheduler(SkippingClock clock) {
        return new FastForwardScheduler(clock);
    }
}
