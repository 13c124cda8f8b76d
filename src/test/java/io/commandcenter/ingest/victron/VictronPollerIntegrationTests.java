package io.commandcenter.ingest.victron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Duration;
import java.util.Map;

import io.commandcenter.ingest.IngestTest;
import io.commandcenter.ingest.MutableClock;
import io.commandcenter.ingest.PollSource;
import io.commandcenter.ingest.internal.AccountPoller;
import io.commandcenter.ingest.internal.PollLog;
import io.commandcenter.ingest.internal.PollRunner;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.sitemodel.Faults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IngestTest
class VictronPollerIntegrationTests {

    @Autowired AccountPoller<VictronPoller> account;
    VictronPoller poller;
    @Autowired PollRunner runner;
    @Autowired PollLog pollLog;
    @Autowired EmbeddedSimulator embedded;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void cleanSlate() {
        poller = account.current();
        jdbc.sql(IngestTest.TRUNCATE).update();
        poller.resilience().circuitBreaker().reset(); // a test that fails on purpose must not open it for the next
        embedded.simulator().reset();
        embedded.simulator().faults().clear();
    }

    @Test
    void isPointedAtTheEmbeddedSimulatorWithoutAnyConfiguration() {
        assertThat(poller.enabled()).isTrue();
        assertThat(poller.origin()).isEqualTo("simulator");
        assertThat(poller.interval()).isEqualTo(Duration.ofSeconds(3));
    }

    @Test
    void findsTheBatteryMonitorInstanceInTheInstallationOnce() {
        var sim = embedded.simulator();
        String diagnostics = "/vrm/v2/installations/" + sim.credentials().vrmSiteId() + "/diagnostics";

        assertThat(runner.run(poller).succeeded()).as("instance found, not defaulted to 0").isTrue();
        assertThat(runner.run(poller).succeeded()).isTrue();
        assertThat(sim.requests(diagnostics)).as("asked at most once (earlier tests may have asked already)")
                .isLessThanOrEqualTo(1);
    }

    @Test
    void storesTheBatteryReadingStampedWhenTheMonitorMeasuredIt() {
        embedded.simulator().clock().advance(Duration.ofSeconds(42));
        var result = runner.run(poller);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.readings()).isEqualTo(1);
        Map<String, Object> row = jdbc.sql("SELECT at, soc, voltage, current FROM victron.battery_readings")
                .query().singleRow();
        var state = embedded.simulator().state();
        assertThat((Double) row.get("soc")).isCloseTo(state.socPercent(), within(0.01));
        // the simulated GX logged 42 s before the answer
        assertThat(((Timestamp) row.get("at")).toInstant()).isEqualTo(clock.instant().minusSeconds(42));
        assertThat(pollLog.recent(PollSource.VICTRON, 1)).singleElement()
                .satisfies(entry -> {
                    assertThat(entry.ok()).isTrue();
                    assertThat(entry.readings()).isEqualTo(1);
                    assertThat(entry.startedAt()).isEqualTo(clock.instant());
                });
    }

    @Test
    void storesNothingWhenVrmDataIsStaleAndLogsTheFailedPoll() {
        embedded.simulator().faults().set(Faults.noneAndUnlimited()
                .withVrm(Faults.Api.NONE.withStaleData(1, Duration.ofHours(2))));

        var result = runner.run(poller);

        assertThat(result.succeeded()).isFalse();
        assertThat(jdbc.sql("SELECT count(*) FROM victron.battery_readings").query(Integer.class).single()).isZero();
        assertThat(pollLog.recent(PollSource.VICTRON, 1)).singleElement().satisfies(entry -> {
            assertThat(entry.ok()).isFalse();
            assertThat(entry.error()).startsWith("stale data");
            assertThat(entry.readings()).isZero();
        });
    }

    @Test
    void recordsAPollThatFailedAfterRetriesWithoutThrowing() {
        embedded.simulator().faults().set(Faults.noneAndUnlimited().withVrm(Faults.Api.NONE.withServerErrors(1)));

        var result = runner.run(poller);

        assertThat(result.succeeded()).isFalse();
        assertThat(pollLog.lastError(PollSource.VICTRON)).hasValueSatisfying(e -> assertThat(e.error()).contains("HTTP 500"));
        assertThat(pollLog.lastSuccess(PollSource.VICTRON)).isEmpty();
    }
}
