package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.device.Device;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingWriter;
import io.commandcenter.web.Role;
import io.commandcenter.web.UserAccounts;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class SimulationControllerIntegrationTests {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired ReadingWriter writer;
    @Autowired UserAccounts accounts;

    RestClient http;

    @BeforeEach
    void setUp() {
        jdbc.sql("TRUNCATE testmode.simulation_runs").update();
        jdbc.sql("TRUNCATE victron.battery_readings, solark.flow_readings, shelly.power_readings").update();
        jdbc.sql("TRUNCATE shelly.devices").update();
        http = TestUsers.admin(port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @Test
    void runsAScenarioAndServesStatusAndReport() {
        ResponseEntity<JsonNode> started = post("/simulations", Map.of("scenario", "summer-week.yaml",
                "duration", "PT12H", "overrides", Map.of("pauseMinersBelow", "45")));

        assertThat(started.getStatusCode().value()).isEqualTo(202);
        String id = started.getBody().get("id").asString();
        assertThat(started.getHeaders().getLocation()).hasToString("/api/v1/simulations/" + id);

        JsonNode run = awaitFinished(id);
        assertThat(run.get("status").asString()).isEqualTo("DONE");
        assertThat(run.get("progress").asDouble()).isEqualTo(1.0);
        assertThat(run.get("violationCount").asInt()).isZero();
        assertThat(run.get("request").get("overrides").get("pauseMinersBelow").asString()).isEqualTo("45");

        JsonNode report = get("/simulations/" + id + "/report").getBody();
        assertThat(report.get("summary").get("simulatedHours").asDouble()).isEqualTo(12.0);
        assertThat(report.get("summary").get("settings").get("pauseMinersBelow").asString()).isEqualTo("45");
        for (String key : List.of("summary", "actions", "blocked", "series", "violations")) {
            assertThat(report.has(key)).as(key).isTrue();
        }
        String html = http.get().uri("/simulations/" + id + "/report.html").retrieve().body(String.class);
        assertThat(html).contains("<svg", "Simulation: summer-week");
    }

    @Test
    void answersProblemsForBadRequestsUnknownRunsAndUnfinishedReports() {
        ResponseEntity<JsonNode> badScenario = post("/simulations", Map.of("scenario", "../../etc/passwd"));
        assertThat(badScenario.getStatusCode().value()).isEqualTo(400);
        assertThat(badScenario.getBody().get("type").asString()).endsWith("/bad-scenario");

        ResponseEntity<JsonNode> badSetting = post("/simulations", Map.of("scenario", "grid-tied.yaml",
                "overrides", Map.of("pauseMiners", "45")));
        assertThat(badSetting.getStatusCode().value()).isEqualTo(400);
        assertThat(badSetting.getBody().get("detail").asString()).contains("unknown setting 'pauseMiners'");

        assertThat(get("/simulations/00000000-0000-0000-0000-000000000000").getStatusCode().value()).isEqualTo(404);

        String id = post("/simulations", Map.of("scenario", "grid-tied.yaml", "duration", "PT1H",
                "ruleFiles", Map.of("broken.drl", "package rules;\nimport io.commandcenter.engine.facts.*;\n"
                        + "rule \"x\" when BatteryNow(noSuchField > 1) then end\n")))
                .getBody().get("id").asString();
        JsonNode run = awaitFinished(id);
        assertThat(run.get("status").asString()).isEqualTo("FAILED");
        assertThat(run.get("error").asString()).contains("does not compile", "broken.drl");
        ResponseEntity<JsonNode> report = get("/simulations/" + id + "/report");
        assertThat(report.getStatusCode().value()).isEqualTo(409);
    }

    @Test
    void onlyAnAdminMaySubmitRuleFilesAndEvenTheirsAreCheckedBeforeTheyCompile() {
        String escape = "package rules;\nimport io.commandcenter.engine.facts.*;\nrule \"x\"\nwhen\n    BatteryNow()\n"
                + "then\n    java.nio.file.Files.writeString(java.nio.file.Path.of(\"pwned\"), \"x\");\nend\n";
        RestClient operator = TestUsers.as(port, TestUsers.ensure(accounts, "olive", Role.OPERATOR))
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();

        ResponseEntity<JsonNode> refused = operator.post().uri("/simulations").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("scenario", "grid-tied.yaml", "duration", "PT1H", "ruleFiles", Map.of("escape.drl", escape)))
                .retrieve().toEntity(JsonNode.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(refused.getBody().get("type").asString()).endsWith("/rule-files-need-admin");

        ResponseEntity<JsonNode> operatorRun = operator.post().uri("/simulations").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("scenario", "grid-tied.yaml", "duration", "PT1H"))
                .retrieve().toEntity(JsonNode.class);
        assertThat(operatorRun.getStatusCode().value()).as("live rules stay open to operators").isEqualTo(202);

        ResponseEntity<JsonNode> admins = post("/simulations", Map.of("scenario", "grid-tied.yaml", "duration", "PT1H",
                "ruleFiles", Map.of("escape.drl", escape)));
        assertThat(admins.getStatusCode().value()).isEqualTo(400);
        assertThat(admins.getBody().get("detail").asString()).isEqualTo("escape.drl line 7: "
                + "`java.nio.file.Files.writeString` is not allowed in rules (fully qualified names are refused)");
        assertThat(jdbc.sql("SELECT count(*) FROM testmode.simulation_runs").query(Long.class).single())
                .as("only the operator's run with the live rules was stored").isEqualTo(1L);
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("pwned"))).isFalse();
    }

    @Test
    void replaysStoredReadingsAndListsDecisionsThatDiffer() {
        // A night (18:00 to 06:00 UTC, 30 to 54 hours ago, inside raw retention) whatever the time the
        // test runs: the battery only falls, so the two pause thresholds must decide differently.
        Instant start = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(2)).plus(Duration.ofHours(18));
        RecordedReadings readings = storeQuietDay(start);

        String id = post("/simulations", Map.of("replay", Map.of("from", readings.from().toString(),
                "to", readings.to().toString()), "overrides", Map.of("pauseMinersBelow", "40")))
                .getBody().get("id").asString();

        JsonNode run = awaitFinished(id);
        assertThat(run.get("status").asString()).as(String.valueOf(run.get("error"))).isEqualTo("DONE");
        JsonNode report = get("/simulations/" + id + "/report").getBody();
        assertThat(report.get("summary").get("kind").asString()).isEqualTo("replay");
        assertThat(report.get("diff").size()).isPositive();
        assertThat(report.get("diff").get(0).get("change").asString()).isEqualTo("ONLY_LIVE");
    }

    @Test
    void shadowModeLogsWhatTheCandidateWouldHaveDoneOnLiveReadings() {
        registerMiner();
        ResponseEntity<JsonNode> started = put("/simulations/shadow", Map.of("overrides",
                Map.of("pauseMinersBelow", "60", "resumeMinersAbove", "90")));
        assertThat(started.getStatusCode().value()).isEqualTo(200);
        assertThat(started.getBody().get("status").get("active").asBoolean()).isTrue();

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS).minusSeconds(5);
        writer.storeDevices(List.of(new DevicePowerReading("miner-1", now, true, true, 1400.0, 240.0, 5.8, 1000.0)));
        writer.storeBattery(List.of(new BatteryReading("home", now, 55, 51, -20, null)));

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode wouldHave = get("/simulations/shadow").getBody().get("wouldHave");
            assertThat(wouldHave.size()).isPositive();
            assertThat(wouldHave.get(0).get("device").asString()).isEqualTo("miner-1");
            assertThat(wouldHave.get(0).get("on").asBoolean()).isFalse();
            assertThat(wouldHave.get(0).get("outcome").asString()).isEqualTo("ALLOWED");
        });
        // Nothing was carried out: no command, and test mode has no path to a relay.
        assertThat(http.delete().uri("/simulations/shadow").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(204);
        assertThat(get("/simulations/shadow").getBody().get("status").get("active").asBoolean()).isFalse();
    }

    private RecordedReadings storeQuietDay(Instant start) {
        Scenario scenario = Scenario.parse("replay.yaml", """
                name: replay-day
                seed: 5
                start: %s
                duration: PT12H
                site:
                  dayLengthHours: 12
                  pvPeakW: 6000
                  baseLoadW: 400
                  battery: {capacityKwh: 20, nominalVoltage: 48, maxChargeW: 5000, maxDischargeW: 5000, initialSoc: 60, cutoffSoc: 10}
                devices:
                  - {name: miner-1, cloudId: b48a0a1c2d3e, channel: 0, type: MINER, ratedPowerW: 1400, initiallyOn: true}
                """.formatted(start));
        RecordedReadings readings = ScenarioReadings.record(scenario, scenario.duration());
        registerMiner();
        writer.storeBattery(readings.battery());
        writer.storeSolar(readings.solar());
        writer.storeDevices(readings.devices());
        return readings;
    }

    private void registerMiner() {
        Device d = new Device("miner-1", "b48a0a1c2d3e", 0, io.commandcenter.device.DeviceType.MINER, 1400, true, null, false);
        jdbc.sql("""
                INSERT INTO shelly.devices (name, cloud_id, channel, type, rated_power, online)
                VALUES (:name, :cloud, 0, :type, :rated, true) ON CONFLICT DO NOTHING
                """).param("name", d.name()).param("cloud", d.cloudId()).param("type", d.type().name())
                .param("rated", d.ratedPower()).update();
    }

    private JsonNode awaitFinished(String id) {
        await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofMillis(200)).until(() -> {
            String status = get("/simulations/" + id).getBody().get("status").asString();
            return status.equals("DONE") || status.equals("FAILED");
        });
        return get("/simulations/" + id).getBody();
    }

    private ResponseEntity<JsonNode> get(String path) {
        return http.get().uri(path).retrieve().toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> post(String path, Object body) {
        return http.post().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(JsonNode.class);
    }

    private ResponseEntity<JsonNode> put(String path, Object body) {
        return http.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toEntity(JsonNode.class);
    }
}
