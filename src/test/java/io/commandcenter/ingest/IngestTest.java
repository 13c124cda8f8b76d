package io.commandcenter.ingest;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.Clock;

import io.commandcenter.IntegrationTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.test.context.TestPropertySource;

/**
 * Spring + PostgreSQL + the embedded simulator on a clock that stands still (speed 0), a {@link MutableClock} for the
 * platform, and millisecond backoffs. Pollers are not scheduled: tests poll by hand.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@IntegrationTest
@Import(IngestTest.Clocks.class)
@TestPropertySource(properties = {
        "commandcenter.simulator.enabled=true",
        "commandcenter.simulator.speed=0",
        "commandcenter.ingest.schedule=false",
        "commandcenter.victron.call.initial-backoff=10ms",
        "commandcenter.shelly.call.initial-backoff=10ms",
        "commandcenter.shelly.rate-limit=100",
        "commandcenter.solark.call.initial-backoff=10ms",
        "commandcenter.solark.zone=UTC"})
public @interface IngestTest {

    @TestConfiguration(proxyBeanMethods = false)
    class Clocks {
        @Bean
        @Primary
        MutableClock mutableClock() {
            return new MutableClock();
        }
    }

    /** Tables the ingest and device tests write to. */
    String TRUNCATE = """
            TRUNCATE system.poll_log, system.alerts, shelly.devices,
                     victron.battery_readings, solark.flow_readings, shelly.power_readings, forecast.pv_hours
            """;
}
