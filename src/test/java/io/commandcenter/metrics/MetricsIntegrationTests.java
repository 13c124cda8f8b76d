package io.commandcenter.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.approval.ApprovalSettled;
import io.commandcenter.engine.CommandFailed;
import io.commandcenter.engine.Source;
import io.commandcenter.web.Role;
import io.commandcenter.web.UserAccounts;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatusCode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** The documented meters at /actuator/prometheus, fed by the features' events, and stored every minute. */
@IntegrationTest
class MetricsIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    UserAccounts accounts;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    MetricsRecorder recorder;
    @Autowired
    JdbcClient jdbc;

    @Test
    void aScrapeReturnsTheDocumentedMetersAndEachMinuteIsStored() {
        RestClient viewer = TestUsers.as(port, TestUsers.ensure(accounts, "vera", Role.VIEWER))
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        Instant now = Instant.now();
        events.publishEvent(new ApprovalSettled(UUID.randomUUID(), "miner-1", false, Source.AUTOMATION, "miners.drl",
                "APPROVED", "owner", now, now.minusSeconds(90)));
        events.publishEvent(new CommandFailed(UUID.randomUUID(), "miner-1", false, Source.AUTOMATION, "FAILED",
                java.util.List.of("relay did not answer"), now));

        String scrape = viewer.get().uri("/actuator/prometheus").retrieve().body(String.class);

        assertThat(scrape).contains("commandcenter_automation_up ",
                "commandcenter_readings_total{kind=\"battery\"}",
                "commandcenter_commands_total{outcome=\"failed\",source=\"AUTOMATION\"}",
                "commandcenter_commands_total{outcome=\"carried_out\",source=\"AUTOMATION\"}",
                "commandcenter_approvals_total{answer=\"approved\"}",
                "commandcenter_approval_response_seconds_count",
                "commandcenter_approval_response_seconds{quantile=\"0.95\"}");
        assertThat(TestUsers.anonymous(port).defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build()
                .get().uri("/actuator/prometheus").retrieve().toBodilessEntity().getStatusCode().value())
                .as("a scrape needs a credential (an API token)").isEqualTo(401);

        Instant minute = Instant.now().truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.DAYS); // apart from the job's
        assertThat(recorder.store(minute)).isPositive();
        assertThat(jdbc.sql("SELECT value FROM system.system_metrics WHERE name = 'commandcenter.commands.failed.automation'"
                        + " AND at = :at").param("at", java.sql.Timestamp.from(minute)).query(Double.class).single())
                .isGreaterThanOrEqualTo(1.0);
        assertThat(jdbc.sql("SELECT metadata->>'outcome' FROM system.system_metrics WHERE at = :at AND name ="
                        + " 'commandcenter.commands.failed.automation'").param("at", java.sql.Timestamp.from(minute))
                .query(String.class).single()).isEqualTo("failed");
        jdbc.sql("DELETE FROM system.system_metrics WHERE at = :at").param("at", java.sql.Timestamp.from(minute)).update();
    }
}
