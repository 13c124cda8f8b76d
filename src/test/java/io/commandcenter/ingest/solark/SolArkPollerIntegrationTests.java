package io.commandcenter.ingest.solark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.commandcenter.ingest.IngestTest;
import io.commandcenter.ingest.MutableClock;
import io.commandcenter.ingest.internal.AccountPoller;
import io.commandcenter.ingest.internal.PollRunner;
import io.commandcenter.ingest.internal.SourcePoller;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.sitemodel.Faults;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.ReadingWriter;
import io.commandcenter.timeseries.TimeseriesQueries;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The SolArk poller on the simulator. Its stale limit is the default, 15 minutes, which on the simulator (60× clock)
 * is 15 wall seconds: these tests move the simulator by minutes and the platform clock by as many seconds.
 */
@IngestTest
class SolArkPollerIntegrationTests {

    @Autowired AccountPoller<SolArkPoller> account;
    SolArkPoller poller;
    @Autowired List<SourcePoller> pollers;
    @Autowired PollRunner runner;
    @Autowired EmbeddedSimulator embedded;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired TimeseriesQueries queries;
    @Autowired ReadingWriter writer;

    @BeforeEach
    void cleanSlate() {
        poller = account.current();
        jdbc.sql(IngestTest.TRUNCATE).update();
        embedded.simulator().reset();
        embedded.simulator().faults().clear();
    }

    @Test
    void storesTheInverterFlowsStampedAtPollTime() {
        var result = runner.run(poller);

        assertThat(result.succeeded()).isTrue();
        Map<String, Object> row = jdbc.sql("SELECT at, site, soc, battery_power, stale FROM solark.flow_readings")
                .query().singleRow();
        var state = embedded.simulator().state();
        assertThat(((Timestamp) row.get("at")).toInstant()).isEqualTo(clock.instant());
        assertThat(row.get("site")).isEqualTo("home");
        assertThat((Double) row.get("soc")).isCloseTo(state.socPercent(), within(0.5));
        assertThat((Double) row.get("battery_power")).isCloseTo(state.batteryW(), within(1.0));
        assertThat(row.get("stale")).isEqualTo(false);
    }

    @Test
    void marksAFrozenFlowStaleWhileTheBatteryMonitorShowsTheBatteryMoving() {
        freezeSolArk(Duration.ofHours(9), Duration.ofMinutes(30));
        Instant frozenSince = clock.instant();
        assertThat(runner.run(poller).succeeded()).isTrue();

        minutesPass(10);
        assertThat(runner.run(vrm()).succeeded()).isTrue();
        assertThat(runner.run(poller).succeeded()).as("10 minutes unchanged: the cloud may just not have refreshed")
                .isTrue();

        minutesPass(6);
        assertThat(runner.run(vrm()).succeeded()).isTrue();
        assertThat(Math.abs(embedded.simulator().state().batteryCurrentA())).as("the battery is moving").isGreaterThan(2);
        var stale = runner.run(poller);

        assertThat(stale.succeeded()).isFalse();
        assertThat(stale.error()).startsWith("stale data").contains(frozenSince.toString());
        var latest = queries.latestSolar().orElseThrow();
        assertThat(latest.stale()).isTrue();
        assertThat(latest.lastChanged()).isEqualTo(frozenSince);
        assertThat(latest.at()).isEqualTo(clock.instant());

        minutesPass(20); // past the frozen window: the cloud refreshes again
        assertThat(runner.run(vrm()).succeeded()).isTrue();
        assertThat(runner.run(poller).succeeded()).isTrue();
        assertThat(queries.latestSolar().orElseThrow().stale()).isFalse();
        assertThat(queries.latestSolar().orElseThrow().lastChanged()).isEqualTo(clock.instant());
    }

    @Test
    void takesAnUnchangedFlowAsReadWhenTheBatteryMonitorIsSilent() {
        freezeSolArk(Duration.ofHours(11), Duration.ofMinutes(30));
        assertThat(runner.run(poller).succeeded()).isTrue();

        minutesPass(20); // no VRM readings at all: whether the battery moves is unknown, so the flow is not stale

        assertThat(runner.run(poller).succeeded()).isTrue();
        assertThat(queries.latestSolar().orElseThrow().stale()).isFalse();
    }

    @Test
    void takesAnUnchangedFlowAsReadWhenTheBatteryStandsStill() {
        freezeSolArk(Duration.ofHours(13), Duration.ofMinutes(30));
        assertThat(runner.run(poller).succeeded()).isTrue();
        minutesPass(20);
        // a battery monitor that shows no current and a steady charge: identical flows are believable
        writer.storeBattery(List.of(new BatteryReading("home", clock.instant().minusSeconds(5), 80, 52.0, 0.3, 25.0)));

        assertThat(runner.run(poller).succeeded()).isTrue();
        assertThat(queries.latestSolar().orElseThrow().stale()).isFalse();
    }

    private void freezeSolArk(Duration from, Duration duration) {
        var sim = embedded.simulator();
        sim.faults().update(f -> f.withQuirks(f.quirks().withSolarkFrozen(List.of(new Faults.Window(from, duration)))));
        sim.clock().advance(from);
    }

    private void minutesPass(int minutes) {
        embedded.simulator().clock().advance(Duration.ofMinutes(minutes));
        clock.advance(Duration.ofSeconds(minutes));
    }

    private SourcePoller vrm() {
        return pollers.stream().filter(p -> p.source() == io.commandcenter.ingest.PollSource.VICTRON).findFirst()
                .orElseThrow();
    }
}
