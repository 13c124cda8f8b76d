package io.commandcenter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.commandcenter.TestUsers;
import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureFlags;
import io.commandcenter.ingest.internal.PollLog;
import io.commandcenter.ingest.internal.PollResult;
import io.commandcenter.ingest.internal.PollRunner;
import io.commandcenter.ingest.internal.SourcePoller;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

/** VICTRON_POLLING, SHELLY_POLLING and SOLARK_POLLING: a source switched off is not polled and is off, not failing. */
@IngestTest
class PollingFlagsIntegrationTests {

    @Autowired PollingHealth health;
    @Autowired PollLog pollLog;
    @Autowired PollRunner runner;
    @Autowired List<SourcePoller> pollers;
    @Autowired FeatureFlags flags;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;
    @LocalServerPort int port;

    Instant start;

    @BeforeEach
    void cleanSlate() {
        jdbc.sql(IngestTest.TRUNCATE).update();
        start = clock.advance(Duration.ofDays(1));
    }

    @AfterEach
    void flagsAsConfigured() {
        for (Feature f : List.of(Feature.VICTRON_POLLING, Feature.SHELLY_POLLING, Feature.SOLARK_POLLING)) {
            if (flags.state(f).overridden()) {
                flags.reset(f, "test", "test over");
            }
        }
    }

    private SourcePoller poller(PollSource source) {
        return pollers.stream().filter(p -> p.source() == source).findFirst().orElseThrow();
    }

    private long batteryReadings() {
        return jdbc.sql("SELECT count(*) FROM victron.battery_readings").query(Long.class).single();
    }

    @Test
    void aSourceSwitchedOffIsNotPolledAndShowsAsOffWithNoAlertHoweverLongItIsSilent() {
        flags.override(Feature.VICTRON_POLLING, false, "admin", "VRM maintenance");

        runner.run(poller(PollSource.VICTRON));
        clock.advance(Duration.ofMinutes(45));
        health.checkAlerts();

        assertThat(pollLog.firstPoll(PollSource.VICTRON)).as("not even logged as a poll").isEmpty();
        assertThat(batteryReadings()).isZero();
        SourceHealth victron = health.source(PollSource.VICTRON).orElseThrow();
        assertThat(victron.state()).isEqualTo(SourceHealth.State.OFF);
        assertThat(victron.enabled()).isFalse();
        assertThat(victron.origin()).contains("switched off by feature flag VICTRON_POLLING",
                "admin override by admin: VRM maintenance");
        assertThat(victron.openAlerts()).isEmpty();
        assertThat(health.openAlerts()).filteredOn(a -> a.source() == PollSource.VICTRON).isEmpty();

        JsonNode json = TestUsers.admin(port).build().get().uri("/health/polling").retrieve().body(JsonNode.class);
        assertThat(json.path("sources").get(0).path("state").asString()).isEqualTo("OFF");
        String page = TestUsers.admin(port).build().get().uri("/health").retrieve().body(String.class);
        assertThat(PollingHealthIntegrationTests.between(page, "id=\"poller-victron\"", "</tr>"))
                .contains("off (flag)").doesNotContain(">alert<").doesNotContain("not configured");
    }

    @Test
    void switchedOnAgainItPollsAtTheNextRound() {
        flags.override(Feature.VICTRON_POLLING, false, "admin", "VRM maintenance");
        runner.run(poller(PollSource.VICTRON));
        flags.reset(Feature.VICTRON_POLLING, "admin", "maintenance over");

        PollResult polled = runner.run(poller(PollSource.VICTRON));

        assertThat(polled.succeeded()).isTrue();
        assertThat(batteryReadings()).isPositive();
        assertThat(health.source(PollSource.VICTRON).orElseThrow().state()).isEqualTo(SourceHealth.State.POLLING);
    }

    @Test
    void switchingAQuietSourceOffClearsItsAlertAndOnAgainItsSilenceCountsFromThen() {
        pollLog.record(PollSource.SOLARK, start, Duration.ofMillis(100), PollResult.ok(1));
        clock.advance(Duration.ofMinutes(11));
        health.checkAlerts();
        assertThat(health.openAlerts()).filteredOn(a -> a.source() == PollSource.SOLARK).hasSize(1);

        flags.override(Feature.SOLARK_POLLING, false, "admin", "inverter replaced");

        assertThat(health.openAlerts()).filteredOn(a -> a.source() == PollSource.SOLARK).isEmpty();
        assertThat(health.recentAlerts(5)).filteredOn(a -> a.source() == PollSource.SOLARK).singleElement()
                .satisfies(a -> assertThat(a.clearedAt()).isEqualTo(clock.instant()));

        clock.advance(Duration.ofHours(2));
        flags.reset(Feature.SOLARK_POLLING, "admin", "new inverter online");
        clock.advance(Duration.ofMinutes(9));
        health.checkAlerts();
        assertThat(health.openAlerts()).as("9 minutes since it was switched on")
                .filteredOn(a -> a.source() == PollSource.SOLARK).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        health.checkAlerts();
        assertThat(health.openAlerts()).filteredOn(a -> a.source() == PollSource.SOLARK).singleElement()
                .satisfies(a -> assertThat(a.message()).contains("No successful solark poll for 10 min"));
    }
}
