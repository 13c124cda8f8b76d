package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.engine.SiteModeService;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingWriter;
import io.commandcenter.workflow.WorkflowRun;
import io.commandcenter.workflow.WorkflowService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The "done when": a recurring schedule and a three-step workflow run live on the platform, and a dry run of
 * the readings recorded meanwhile, with the automation as stored, does the same: the same schedule run and mode
 * switch, the same steps with the same outcomes.
 */
@IntegrationTest
class AutomationLiveAndDryRunIntegrationTests {

    static final String HEATER = "it-dry-heater";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ReadingWriter writer;
    @Autowired
    WorkflowService workflows;
    @Autowired
    SiteModeService modes;
    @Autowired
    StoredReadings stored;
    @Autowired
    LiveAutomation automation;
    @Autowired
    LiveRules liveRules;

    @AfterEach
    void clean() {
        jdbc.sql("TRUNCATE workflow.workflows, workflow.runs, workflow.run_steps, engine.schedules,"
                + " engine.schedule_runs").update();
        jdbc.sql("DELETE FROM shelly.devices WHERE name = :n").param("n", HEATER).update();
        modes.switchTo("Normal", "test", "done");
        if (modes.all().stream().anyMatch(m -> m.name().equals("Evening"))) {
            modes.delete("Evening");
        }
    }

    private void readings(Instant at, double soc) {
        writer.storeBattery(List.of(new BatteryReading("home", at, soc, 51, -10, null)));
        writer.storeDevices(List.of(new DevicePowerReading(HEATER, at, true, true, 1000.0, 230.0, 4.3, null)));
    }

    private static Map<String, Object> step(String id, String does, Object... more) {
        Map<String, Object> s = new HashMap<>(Map.of("id", id, "does", does));
        for (int i = 0; i < more.length; i += 2) {
            s.put((String) more[i], more[i + 1]);
        }
        return s;
    }

    @Test
    void aRecurringScheduleAndAThreeStepWorkflowDoTheSameLiveAndInADryRunOfTheRecordedReadings() throws Exception {
        RestClient admin = TestUsers.admin(port).defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        admin.post().uri("/api/v1/devices").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", HEATER,
                "cloudId", "it-dry", "channel", 0, "type", "HEATER", "ratedPower", 1000)).retrieve().toBodilessEntity();
        admin.put().uri("/api/v1/site-modes/{n}", "Evening").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("description", "quiet evenings")).retrieve().toBodilessEntity();
        // Only this test's readings in the window the dry run replays.
        jdbc.sql("TRUNCATE victron.battery_readings, solark.flow_readings, shelly.power_readings").update();
        Instant start = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        readings(start.minusSeconds(180), 35);
        readings(start.minusSeconds(90), 35);

        // Every day at the minute just gone: as if saved yesterday, it is due now (within the grace, not missed).
        Instant due = start.minusSeconds(30).truncatedTo(ChronoUnit.MINUTES);
        LocalTime at = LocalTime.ofInstant(due, ZoneOffset.UTC);
        assertThat(admin.put().uri("/api/v1/engine/schedules/{n}", "it evening").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("repeat", "DAILY", "time", at.toString(), "does", "SET_MODE", "mode", "Evening"))
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
        jdbc.sql("UPDATE engine.schedules SET created_at = now() - interval '1 day'").update();
        // Saving a schedule runs every schedule that came due: this one's run is now.
        admin.put().uri("/api/v1/engine/schedules/{n}", "it other").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("enabled", false, "repeat", "DAILY", "time", "03:00", "does", "SET_MODE", "mode", "Normal"))
                .retrieve().toBodilessEntity();
        assertThat(modes.active().mode().name()).isEqualTo("Evening");

        // Three steps: heater off → is the battery below 40 %? → tell me it is low (else: tell me it is fine).
        admin.put().uri("/api/v1/workflows/{n}", "it evening shed").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("steps", List.of(
                        step("heater-off", "SWITCH", "device", HEATER, "on", false),
                        step("low", "BRANCH", "conditions", List.of(Map.of("trigger", "SOC", "below", 40)),
                                "next", "tell-low", "otherwise", "tell-fine"),
                        step("tell-low", "NOTIFY", "message", "battery low", "next", "end"),
                        step("tell-fine", "NOTIFY", "message", "battery fine"))))
                .retrieve().toBodilessEntity();
        // The newest reading the live engine has is this one, whatever an earlier test left in it.
        Instant latest = Instant.now();
        readings(latest, 35);
        String battery = "";
        for (Instant deadline = Instant.now().plusSeconds(10); Instant.now().isBefore(deadline); Thread.sleep(50)) {
            battery = admin.get().uri("/api/v1/engine/queries/latest battery").retrieve().body(String.class);
            if (battery.contains("\"at\":" + latest.toEpochMilli())) {
                break; // the engine takes readings on its own thread
            }
        }
        assertThat(battery).as("the engine holds the latest reading").contains("\"at\":" + latest.toEpochMilli());
        JsonNode started = admin.post().uri("/api/v1/workflows/{n}/runs", "it evening shed").retrieve()
                .body(JsonNode.class);
        WorkflowRun live = null;
        for (Instant deadline = Instant.now().plusSeconds(20); Instant.now().isBefore(deadline); Thread.sleep(200)) {
            live = workflows.recentRuns(1).get(0);
            if (!live.running()) {
                break;
            }
        }
        assertThat(live.status()).as(live.toString()).isEqualTo(WorkflowRun.Status.FINISHED);
        List<String> livePath = new ArrayList<>();
        jdbc.sql("SELECT in_words, outcome FROM workflow.run_steps WHERE run = :id ORDER BY seq")
                .param("id", java.util.UUID.fromString(started.path("id").asString()))
                .query((rs, n) -> livePath.add(rs.getString("in_words") + ": " + rs.getString("outcome"))).list();
        assertThat(livePath).containsExactly("switch " + HEATER + " off: done: " + HEATER + " off",
                "if the battery is below 40 %: yes: the conditions held", "notify me (\"battery low\"): sent to the owner");

        // The readings of that time, replayed with the automation as stored and the workflow started when it was.
        Instant after = Instant.now();
        readings(after, 35);
        RecordedReadings recorded = stored.window(start.minusSeconds(200), after.plusSeconds(1), ZoneOffset.UTC);
        Automation asStored = automation.current().startingAt("it evening shed", live.startedAt());
        SimulationReport dryRun = Replay.run(recorded, new Replay.Side(liveRules.ruleSet(), liveRules.settings()),
                new Replay.Side(liveRules.ruleSet(), liveRules.settings(), asStored), 100, null).report();

        List<String> dryPath = dryRun.automation().stream().filter(a -> a.what().equals("WORKFLOW_STEP"))
                .map(SimulationReport.AutomationStep::detail).toList();
        assertThat(dryPath).as("the same steps with the same outcomes").isEqualTo(livePath);
        assertThat(dryRun.automation()).anySatisfy(a -> {
            assertThat(a.what()).isEqualTo("SET_MODE");
            assertThat(a.by()).isEqualTo("schedule / it evening");
            assertThat(a.at()).isEqualTo(due.toString());
        });
        assertThat(modes.active().since().by()).as("live, the schedule switched the mode").isEqualTo("schedule / it evening");
        assertThat(dryRun.actions()).anySatisfy(a -> {
            assertThat(a.device()).isEqualTo(HEATER);
            assertThat(a.rule()).isEqualTo("workflow / it evening shed / heater-off");
        });
        assertThat(jdbc.sql("SELECT count(*) FROM engine.decisions WHERE requested_by = :by AND decided_at >= :since")
                .param("by", "workflow / it evening shed / heater-off").param("since", Timestamp.from(start))
                .query(Long.class).single()).as("and live it was the rules' decision too").isEqualTo(1);
        assertThat(Duration.between(start, Instant.now())).isLessThan(Duration.ofMinutes(1));
    }
}
