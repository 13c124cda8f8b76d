package io.commandcenter.ingest.solark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.util.Map;

import io.commandcenter.ingest.IngestTest;
import io.commandcenter.ingest.MutableClock;
import io.commandcenter.ingest.internal.PollRunner;
import io.commandcenter.simulation.EmbeddedSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IngestTest
class SolArkPollerIntegrationTests {

    @Autowired SolArkPoller poller;
    @Autowired PollRunner runner;
    @Autowired EmbeddedSimulator embedded;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void cleanSlate() {
        jdbc.sql(IngestTest.TRUNCATE).update();
        embedded.simulator().reset();
        embedded.simulator().faults().clear();
    }

    @Test
    void storesTheInverterFlowsStampedAtPollTime() {
        var result = runner.run(poller);

        assertThat(result.succeeded()).isTrue();
        Map<String, Object> row = jdbc.sql("SELECT at, site, soc, battery_power FROM solark.flow_readings").query().singleRow();
        var state = embedded.simulator().state();
        assertThat(((Timestamp) row.get("at")).toInstant()).isEqualTo(clock.instant());
        assertThat(row.get("site")).isEqualTo("home");
        assertThat((Double) row.get("soc")).isCloseTo(state.socPercent(), within(0.5));
        assertThat((Double) row.get("battery_power")).isCloseTo(state.batteryW(), within(1.0));
    }
}
