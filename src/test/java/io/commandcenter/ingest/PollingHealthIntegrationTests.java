package io.commandcenter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import io.commandcenter.SimulatedDevices;
import io.commandcenter.TestUsers;
import io.commandcenter.ingest.internal.PollLog;
import io.commandcenter.ingest.internal.PollResult;
import io.commandcenter.ingest.internal.PollRunner;
import io.commandcenter.ingest.internal.SourcePoller;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.web.Role;
import io.commandcenter.web.UserAccounts;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.JsonNode;

@IngestTest
class PollingHealthIntegrationTests {

    @Autowired PollingHealth health;
    @Autowired PollLog pollLog;
    @Autowired MutableClock clock;
    @Autowired JdbcClient jdbc;
    @Autowired EmbeddedSimulator simulator;
    @Autowired UserAccounts accounts;
    @Autowired PollRunner runner;
    @Autowired List<SourcePoller> pollers;
    @LocalServerPort int port;

    Instant start;

    @BeforeEach
    void cleanSlate() {
        jdbc.sql(IngestTest.TRUNCATE).update();
        start = clock.advance(Duration.ofDays(1));
    }

    void poll(PollSource source, Instant at, boolean ok) {
        pollLog.record(source, at, Duration.ofMillis(150), ok ? PollResult.ok(1) : PollResult.failed("HTTP 502 from /v2/…"));
    }

    @Test
    void raisesAnAlertAfterTenMinutesWithoutASuccessfulPollAndClearsItOnRecovery() {
        poll(PollSource.VICTRON, start, true);
        clock.advance(Duration.ofMinutes(9));
        poll(PollSource.VICTRON, clock.instant(), false);
        health.checkAlerts();
        assertThat(health.openAlerts()).filteredOn(a -> a.source() == PollSource.VICTRON).isEmpty();

        clock.advance(Duration.ofMinutes(1));
        health.checkAlerts();
        health.checkAlerts();
        assertThat(health.openAlerts()).filteredOn(a -> a.source() == PollSource.VICTRON).singleElement()
                .satisfies(alert -> {
                    assertThat(alert.kind()).isEqualTo(PollingHealth.NO_SUCCESSFUL_POLL);
                    assertThat(alert.raisedAt()).isEqualTo(clock.instant());
                    assertThat(alert.message()).contains("10 min", "HTTP 502");
                });

        clock.advance(Duration.ofMinutes(3));
        poll(PollSource.VICTRON, clock.instant(), true);
        health.checkAlerts();
        assertThat(health.openAlerts()).filteredOn(a -> a.source() == PollSource.VICTRON).isEmpty();
        assertThat(health.recentAlerts(5)).filteredOn(a -> a.source() == PollSource.VICTRON).singleElement()
                .satisfies(alert -> assertThat(alert.clearedAt()).isEqualTo(clock.instant()));
    }

    @Test
    void findsSpansWithoutSuccessLongerThanTwiceTheInterval() {
        // SolArk polls every 2 s on the simulator: successes at 0, 2, 4 s, failures until 30 s, successes again
        for (int s = 0; s <= 4; s += 2) {
            poll(PollSource.SOLARK, start.plusSeconds(s), true);
        }
        for (int s = 6; s < 30; s += 2) {
            poll(PollSource.SOLARK, start.plusSeconds(s), false);
        }
        poll(PollSource.SOLARK, start.plusSeconds(30), true);
        poll(PollSource.SOLARK, start.plusSeconds(32), true);

        var gaps = health.gaps(PollSource.SOLARK, start.minusSeconds(60), start.plusSeconds(33));

        assertThat(gaps).containsExactly(new DataGap(PollSource.SOLARK, start.plusSeconds(4), start.plusSeconds(30), false));
    }

    @Test
    void reportsAGapStillGoingOnUntilNow() {
        poll(PollSource.SOLARK, start, true);
        clock.advance(Duration.ofSeconds(20));
        poll(PollSource.SOLARK, clock.instant(), false);

        assertThat(health.gaps(PollSource.SOLARK, start.minusSeconds(60), clock.instant()))
                .containsExactly(new DataGap(PollSource.SOLARK, start, clock.instant(), true));
    }

    @Test
    void reportsSuccessRatesLastSuccessAndLastErrorPerSource() {
        clock.advance(Duration.ofSeconds(10));
        poll(PollSource.SHELLY, start, true);
        poll(PollSource.SHELLY, start.plusSeconds(2), true);
        poll(PollSource.SHELLY, start.plusSeconds(4), true);
        poll(PollSource.SHELLY, start.plusSeconds(6), false);
        poll(PollSource.SHELLY, start.minus(Duration.ofHours(3)), false);

        SourceHealth shelly = health.source(PollSource.SHELLY).orElseThrow();

        assertThat(shelly.enabled()).isTrue();
        assertThat(shelly.lastSuccess()).isEqualTo(start.plusSeconds(4));
        assertThat(shelly.lastError().at()).isEqualTo(start.plusSeconds(6));
        assertThat(shelly.successRateLastHour()).isEqualTo(0.75);
        assertThat(shelly.successRateLastDay()).isEqualTo(0.6);
        assertThat(health.source(PollSource.VICTRON).orElseThrow().successRateLastHour()).as("no polls: unknown").isNull();
    }

    @Test
    void servesPollingHealthPerSourceOverHttp() {
        poll(PollSource.VICTRON, start, true);

        JsonNode body = TestUsers.admin(port).build().get().uri("/health/polling")
                .retrieve().body(JsonNode.class);

        assertThat(body.path("sources")).as("the three clouds and the solar forecast").hasSize(4);
        assertThat(body.path("sources").get(3).path("source").asString()).isEqualTo("FORECAST");
        JsonNode victron = body.path("sources").get(0);
        assertThat(victron.path("source").asString()).isEqualTo("VICTRON");
        assertThat(victron.path("origin").asString()).isEqualTo("simulator");
        assertThat(victron.path("interval").asString()).isEqualTo("PT3S");
        assertThat(victron.path("lastSuccess").asString()).isEqualTo(start.toString());
        assertThat(victron.path("successRateLastHour").asDouble()).isEqualTo(1.0);
        assertThat(victron.has("openAlerts")).isTrue();
        assertThat(victron.has("recentGaps")).isTrue();
    }

    @Test
    void testConnectionListsWhatEachAccountSeesForAdminsOnly() {
        SimulatedDevices.register(jdbc, simulator);
        var admin = TestUsers.admin(port).build();

        JsonNode vrm = admin.post().uri("/setup/connections/VICTRON").retrieve().body(JsonNode.class);
        assertThat(vrm.path("reachable").asBoolean()).isTrue();
        assertThat(vrm.path("found").get(0).asString()).startsWith("installation ").contains("battery monitors: ");
        JsonNode solark = admin.post().uri("/setup/connections/SOLARK").retrieve().body(JsonNode.class);
        assertThat(solark.path("found").get(0).asString()).startsWith("plant ");
        JsonNode shelly = admin.post().uri("/setup/connections/SHELLY").retrieve().body(JsonNode.class);
        assertThat(shelly.path("found")).isNotEmpty();
        assertThat(shelly.path("found").get(0).asString()).startsWith("relay ").contains("online").contains("registered");
        assertThat(shelly.toString()).doesNotContain(simulator.credentials().shellyAuthKey());

        int unknownSource = admin.post().uri("/setup/connections/nope").exchange((req, res) -> res.getStatusCode().value());
        assertThat(unknownSource).isEqualTo(400);
        TestUsers.ensure(accounts, "otto", Role.OPERATOR);
        int operator = TestUsers.as(port, "otto").build().post().uri("/setup/connections/VICTRON")
                .exchange((req, res) -> res.getStatusCode().value());
        assertThat(operator).isEqualTo(403);
    }

    @Test
    void aShellyAccountWithoutARegisteredRelayIsNotConfiguredNotAHealthyHundredPercent() {
        SourcePoller shelly = pollers.stream().filter(p -> p.source() == PollSource.SHELLY).findFirst().orElseThrow();
        runner.run(shelly);
        runner.run(shelly);
        health.checkAlerts();

        SourceHealth idle = health.source(PollSource.SHELLY).orElseThrow();
        assertThat(idle.state()).isEqualTo(SourceHealth.State.NOT_CONFIGURED);
        assertThat(idle.pollsLastHour()).as("nothing was polled, so nothing succeeded").isZero();
        assertThat(idle.successRateLastHour()).isNull();
        assertThat(idle.origin()).contains("no Shelly device registered");
        String page = TestUsers.admin(port).build().get().uri("/health").retrieve().body(String.class);
        assertThat(between(page, "id=\"poller-shelly\"", "</tr>")).contains("badge warn state").contains("not configured")
                .doesNotContain(">polling<").doesNotContain("100 %");

        SimulatedDevices.register(jdbc, simulator);
        runner.run(shelly);

        SourceHealth polled = health.source(PollSource.SHELLY).orElseThrow();
        assertThat(polled.state()).isEqualTo(SourceHealth.State.POLLING);
        assertThat(polled.pollsLastHour()).isEqualTo(1);
    }

    @Test
    void showsASourceThatFailsNowAndThenAsDegradedBelowNinetyPercentInTheLastHour() {
        SimulatedDevices.register(jdbc, simulator);
        clock.advance(Duration.ofMinutes(30));
        Instant first = clock.instant().minus(Duration.ofMinutes(10));
        for (int i = 0; i < 10; i++) {
            poll(PollSource.SHELLY, first.plusSeconds(60L * i), i % 5 != 0); // 8 of 10
            poll(PollSource.VICTRON, first.plusSeconds(60L * i), i != 3); // 9 of 10
        }
        // a bad day earlier does not count: only the last hour
        for (int i = 0; i < 10; i++) {
            poll(PollSource.SOLARK, first.minus(Duration.ofHours(2)).plusSeconds(i), false);
            poll(PollSource.SOLARK, first.plusSeconds(60L * i), true);
        }
        health.checkAlerts();

        assertThat(health.source(PollSource.SHELLY).orElseThrow().state()).isEqualTo(SourceHealth.State.DEGRADED);
        assertThat(health.source(PollSource.VICTRON).orElseThrow().state()).isEqualTo(SourceHealth.State.POLLING);
        assertThat(health.source(PollSource.SOLARK).orElseThrow().state()).isEqualTo(SourceHealth.State.POLLING);

        JsonNode body = TestUsers.admin(port).build().get().uri("/health/polling").retrieve().body(JsonNode.class);
        assertThat(body.path("sources").findValuesAsString("state"))
                .as("the forecast was never polled in these 30 minutes: quiet")
                .containsExactly("POLLING", "DEGRADED", "POLLING", "ALERT");

        String page = TestUsers.admin(port).build().get().uri("/health").retrieve().body(String.class);
        assertThat(between(page, "id=\"poller-shelly\"", "</tr>")).contains("degraded").doesNotContain(">polling<");
        assertThat(between(page, "id=\"poller-victron\"", "</tr>")).contains(">polling<").doesNotContain("degraded");
    }

    @Test
    void anAlertOutranksDegraded() {
        poll(PollSource.VICTRON, start, true);
        clock.advance(Duration.ofMinutes(11));
        poll(PollSource.VICTRON, clock.instant(), false);
        health.checkAlerts();

        assertThat(health.source(PollSource.VICTRON).orElseThrow().state()).isEqualTo(SourceHealth.State.ALERT);
    }

    static String between(String text, String from, String to) {
        int start = text.indexOf(from);
        assertThat(start).as(from).isNotNegative();
        return text.substring(start, text.indexOf(to, start));
    }
}
