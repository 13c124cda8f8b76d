package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingsStored;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

@IntegrationTest
@Import(EngineIntegrationTests.Proposals.class)
class EngineIntegrationTests {

    @TestConfiguration
    static class Proposals {
        final BlockingQueue<ActionProposed> queue = new LinkedBlockingQueue<>();

        @Bean
        Proposals proposals() {
            return this;
        }

        @EventListener
        void on(ActionProposed proposed) {
            queue.add(proposed);
        }
    }

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    ApplicationEventPublisher publisher;
    @Autowired
    Proposals proposals;
    @Autowired
    io.commandcenter.simulation.EmbeddedSimulator simulator;

    RestClient http;

    @BeforeEach
    void setUp() {
        http = TestUsers.admin(port)
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        jdbc.sql("TRUNCATE engine.decisions, engine.decision_tables CASCADE").update();
        jdbc.sql("DELETE FROM engine.preferences").update();
        // Confirmation mode NEVER (the default): an automated action held for confirmation starts no
        // cooldown and is not proposed again while it waits, which these tests do not expect.
        jdbc.sql("DELETE FROM notify.settings").update();
        jdbc.sql("DELETE FROM approval.pending_actions WHERE device LIKE 'it-%'").update();
        jdbc.sql("DELETE FROM shelly.devices WHERE name LIKE 'it-%'").update();
        proposals.queue.clear();
    }

    @AfterEach
    void resetPreferences() {
        http.post().uri("/preferences/reset").retrieve().toBodilessEntity();
        // Give the simulator's relays back to their own names for the tests that follow.
        jdbc.sql("DELETE FROM shelly.devices WHERE name LIKE 'it-%'").update();
        io.commandcenter.SimulatedDevices.register(jdbc, simulator);
    }

    /** Through the API, as an owner would: the engine must know it is a miner from its very first reading. */
    private void registerMiner(String name) {
        var created = http.post().uri("/devices").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", name, "cloudId", name, "type", "MINER", "ratedPower", 3000)).retrieve()
                .toBodilessEntity();
        assertThat(created.getStatusCode().value()).isEqualTo(201);
    }

    private void readings(double soc, String device, boolean on) {
        Instant now = Instant.now();
        publisher.publishEvent(new ReadingsStored(List.of(new BatteryReading("home", now, soc, 52, -10, null)),
                List.of(), List.of(new DevicePowerReading(device, now, true, on, on ? 3000.0 : 0.0, 230.0, 13.0, 1.0))));
    }

    /**
     * A miner on one of the simulator's relays, so control really carries out what the rules decide: only a
     * command carried out counts for the rules (a paused miner is resumed only if automation did pause it).
     */
    private void registerMinerOnASimulatedRelay(String name) {
        var relay = simulator.simulator().scenario().devices().stream()
                .filter(d -> d.type() == io.commandcenter.device.DeviceType.MINER).findFirst().orElseThrow();
        jdbc.sql("DELETE FROM shelly.devices WHERE cloud_id = :cloud AND channel = :channel")
                .param("cloud", relay.cloudId()).param("channel", relay.channel()).update();
        simulator.simulator().model().setRelay(relay.cloudId(), relay.channel(), true);
        var created = http.post().uri("/devices").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", name, "cloudId", relay.cloudId(), "channel", relay.channel(), "type", "MINER",
                        "ratedPower", 3000)).retrieve().toBodilessEntity();
        assertThat(created.getStatusCode().value()).isEqualTo(201);
    }

    private ActionProposed nextProposal() throws InterruptedException {
        ActionProposed p = proposals.queue.poll(20, TimeUnit.SECONDS);
        assertThat(p).as("a proposal from the engine").isNotNull();
        return p;
    }

    @Test
    void pausesAndResumesAMinerAsTheChargeCrossesTheThresholdsAndShowsWhyThroughTheApi() throws Exception {
        registerMinerOnASimulatedRelay("it-miner-1");
        // Other tests share the stored preferences: start from the defaults, whatever they left.
        http.post().uri("/preferences/reset").retrieve().toBodilessEntity();
        var prefs = http.get().uri("/preferences").retrieve().body(Map.class);
        prefs.put("pauseConfirmMinutes", 0);
        prefs.put("minerCooldownMinutes", 0); // realtime clock: no waiting between pause and resume in a test
        assertThat(http.put().uri("/preferences").contentType(MediaType.APPLICATION_JSON).body(prefs).retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(200);

        readings(60, "it-miner-1", true);
        readings(48, "it-miner-1", true);
        ActionProposed pause = nextProposal();
        assertThat(pause.request().device()).isEqualTo("it-miner-1");
        assertThat(pause.request().on()).isFalse();
        assertThat(pause.decision().outcome()).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(http.get().uri("/engine/queries/situations").retrieve().body(String.class))
                .as("each situation says what it is").contains("\"type\":\"MinersShouldPause\"");

        readings(70, "it-miner-1", false); // the pause was carried out; inside the band nothing happens
        readings(85, "it-miner-1", false);
        ActionProposed resume = nextProposal();
        while (!resume.request().on()) { // without a cooldown a still-running miner may be asked to pause again
            resume = nextProposal();
        }
        assertThat(resume.decision().outcome()).isEqualTo(Decision.Outcome.ALLOWED);
        assertThat(resume.decision().firedRules())
                .contains("Battery above the resume threshold: resume miners that automation paused");

        List<Map<String, Object>> decisions = http.get().uri("/engine/decisions?device=it-miner-1").retrieve().body(List.class);
        assertThat(decisions.get(0).get("on")).isEqualTo(true);
        assertThat((List<String>) decisions.get(0).get("firedRules"))
                .contains("Battery above the resume threshold: resume miners that automation paused");
        Map<String, Object> firstPause = decisions.get(decisions.size() - 1);
        assertThat(firstPause.get("on")).isEqualTo(false);
        assertThat((List<String>) firstPause.get("firedRules"))
                .contains("Battery below the pause threshold: pause running miners");
        assertThat(firstPause.get("facts").toString()).contains("soc=48.0");
    }

    @Test
    void aLockedDeviceRefusesEverySwitchUntilAnOperatorUnlocksIt() {
        registerMiner("it-locked-1");
        readings(70, "it-locked-1", true);
        Map<String, Object> switchOff = Map.of("type", "action", "device", "it-locked-1", "on", false,
                "source", "MANUAL", "requestedBy", "alice");

        var locked = http.put().uri("/engine/locks/it-locked-1").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "replacing the fan")).retrieve().toEntity(Map.class);
        assertThat(locked.getStatusCode().value()).isEqualTo(200);
        assertThat(locked.getBody()).containsEntry("by", TestUsers.ADMIN).containsEntry("reason", "replacing the fan");
        List<Map<String, Object>> locks = http.get().uri("/engine/locks").retrieve().body(List.class);
        assertThat(locks).anySatisfy(l -> assertThat(l).containsEntry("device", "it-locked-1"));

        var refused = http.post().uri("/engine/facts").contentType(MediaType.APPLICATION_JSON).body(switchOff)
                .retrieve().body(Map.class);
        assertThat(refused.get("outcome")).isEqualTo("BLOCKED");
        assertThat((List<String>) refused.get("reasons")).contains("device locked by admin: replacing the fan");

        var unknown = http.put().uri("/engine/locks/it-no-such-device").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "typo")).retrieve().toEntity(Map.class);
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType().toString()).contains("problem+json");
        var tooLong = http.put().uri("/engine/locks/it-locked-1").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "x".repeat(201))).retrieve().toEntity(Map.class);
        assertThat(tooLong.getStatusCode().value()).isEqualTo(400);
        assertThat((List<String>) tooLong.getBody().get("errors")).containsExactly("reason: at most 200 characters");
        assertThat(http.get().uri("/engine/locks").retrieve().body(List.class).toString())
                .as("the first lock stands unchanged").contains("replacing the fan");

        assertThat(http.delete().uri("/engine/locks/it-locked-1").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(204);
        assertThat(http.delete().uri("/engine/locks/it-locked-1").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(404);
        var allowed = http.post().uri("/engine/facts").contentType(MediaType.APPLICATION_JSON).body(switchOff)
                .retrieve().body(Map.class);
        assertThat(allowed.get("outcome")).as(String.valueOf(allowed.get("reasons"))).isEqualTo("ALLOWED");
    }

    @Test
    void judgesAPostedActionAndRejectsABadFactWithReasons() {
        var bad = http.post().uri("/engine/facts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "battery", "soc", 140)).retrieve().toEntity(Map.class);
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat((List<String>) bad.getBody().get("errors")).containsExactly("soc: required, 0 to 100");

        var decision = http.post().uri("/engine/facts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "action", "device", "it-nowhere", "on", false, "source", "MANUAL",
                        "requestedBy", "alice")).retrieve().toEntity(Map.class);
        assertThat(decision.getStatusCode().value()).isEqualTo(200);
        assertThat(decision.getBody().get("outcome")).isEqualTo("BLOCKED");
        assertThat((List<String>) decision.getBody().get("reasons")).contains("device it-nowhere is offline or unknown");

        var stored = http.get().uri("/engine/decisions?device=it-nowhere").retrieve().body(List.class);
        assertThat(stored).hasSize(1);
    }

    @Test
    void aRuleChangeGoesLiveThroughValidateAndActivateAndCanBeRolledBack() {
        var broken = http.post().uri("/engine/rules/validate").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("files", Map.of("extra.drl", "package rules;\n\nrule \"broken\"\nwhen\n    Nothing(\nthen\nend\n")))
                .retrieve().toEntity(Map.class);
        assertThat(broken.getStatusCode().value()).isEqualTo(422);
        assertThat(broken.getBody()).containsEntry("file", "extra.drl").containsEntry("line", 7).containsKey("column");

        var escaping = http.post().uri("/engine/rules/validate").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("files", Map.of("extra.drl", "package rules;\nimport io.commandcenter.engine.facts.*;\n\n"
                        + "rule \"leak\"\nwhen\n    BatteryNow()\nthen\n    String t = System.getenv(\"TWILIO_AUTH_TOKEN\");\nend\n")))
                .retrieve().toEntity(Map.class);
        assertThat(escaping.getStatusCode().value()).isEqualTo(422);
        assertThat(escaping.getBody()).containsEntry("file", "extra.drl").containsEntry("line", 8);
        assertThat(escaping.getBody().toString()).contains("`System.getenv` is not allowed in rules");

        var live = http.get().uri("/engine/rules").retrieve().body(Map.class);
        int before = (Integer) live.get("version");
        try {
            jdbc.sql("INSERT INTO engine.decision_tables (name) VALUES ('it-table')").update();
            jdbc.sql("""
                    INSERT INTO engine.decision_table_rows (table_name, row_no, name, soc_from, device, switch_on)
                    VALUES ('it-table', 1, 'heater on when full', 95, 'it-heater', true)
                    """).update();
            assertThat(http.post().uri("/engine/rules/validate").retrieve().body(Map.class).get("warnings").toString())
                    .contains("no row covers SOC 0.0–95.0 % for device it-heater");

            readings(97, "it-heater", false); // the new row wants the heater on the moment it is live

            var activated = http.post().uri("/engine/rules/activate").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("activatedBy", "alice")).retrieve().body(Map.class);
            assertThat(activated.get("version")).isEqualTo(before + 1);
            List<Map<String, Object>> heater = http.get().uri("/engine/decisions?device=it-heater").retrieve()
                    .body(List.class);
            assertThat(heater).as("what the new rules decide on activation is stored, not lost in the swap")
                    .anySatisfy(d -> {
                        assertThat(d.get("requestedBy")).isEqualTo("it-table / heater on when full");
                        assertThat(d.get("ruleSetVersion")).isEqualTo(before + 1);
                        assertThat((List<String>) d.get("firedRules")).contains("it-table: when soc >= 95.0");
                    });
            var rules = http.get().uri("/engine/rules").retrieve().body(Map.class);
            assertThat(rules.get("activatedBy")).isEqualTo(TestUsers.ADMIN);
            assertThat(rules.get("tables").toString()).contains("it-table");

            var rolledBack = http.post().uri("/engine/rules/versions/" + before + "/rollback").retrieve().body(Map.class);
            assertThat(rolledBack.get("version")).isEqualTo(before + 2);
            assertThat(http.get().uri("/engine/rules").retrieve().body(Map.class).get("tables").toString())
                    .doesNotContain("it-table");
            assertThat(http.get().uri("/engine/tables").retrieve().body(List.class).toString())
                    .as("the stored tables are those of the version rolled back to").doesNotContain("it-table");
            // Forward again to the version with the table: its rows come back from the version's record ...
            http.post().uri("/engine/rules/versions/" + (before + 1) + "/rollback").retrieve().toBodilessEntity();
            assertThat(http.get().uri("/engine/tables/it-table").retrieve().body(Map.class).toString())
                    .contains("heater on when full");
            assertThat(http.get().uri("/engine/rules").retrieve().body(Map.class).get("tables").toString())
                    .as("the live rules know the rebuilt table as a table").contains("it-table");
            // ... and back, so no other test meets a table for a device that does not exist.
            http.post().uri("/engine/rules/versions/" + before + "/rollback").retrieve().toBodilessEntity();
            assertThat(http.get().uri("/engine/tables").retrieve().body(List.class).toString()).doesNotContain("it-table");
            assertThat(http.get().uri("/engine/queries/desired states").retrieve().toEntity(List.class)
                    .getStatusCode().value()).isEqualTo(200);
        } finally {
            // A failure above must not leave the table live for the next test class (or the next run).
            Object nowLive = http.get().uri("/engine/rules").retrieve().body(Map.class).get("contentHash");
            if (!nowLive.equals(live.get("contentHash"))) {
                http.post().uri("/engine/rules/versions/" + before + "/rollback").retrieve().toBodilessEntity();
            }
        }
    }

    @Test
    void refusesInconsistentPreferencesListingEveryViolation() {
        var prefs = http.get().uri("/preferences").retrieve().body(Map.class);
        assertThat(prefs.get("minSoc")).isEqualTo(30.0);
        prefs.put("criticalSoc", 40);
        prefs.put("resumeMinersAbove", 45);
        var response = http.put().uri("/preferences").contentType(MediaType.APPLICATION_JSON).body(prefs)
                .retrieve().toEntity(Map.class);
        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).contains("problem+json");
        assertThat((List<String>) response.getBody().get("errors")).contains("criticalSoc must be below minSoc",
                "pauseMinersBelow must be below resumeMinersAbove");
    }

    @Test
    @SuppressWarnings("unchecked")
    void autoPauseMinersIsSavedAndReachesTheRules() {
        var prefs = http.get().uri("/preferences").retrieve().body(Map.class);
        assertThat(prefs.get("autoPauseMiners")).as("shipped: yes").isEqualTo(true);
        prefs.put("autoPauseMiners", false);

        assertThat(http.put().uri("/preferences").contentType(MediaType.APPLICATION_JSON).body(prefs).retrieve()
                .toBodilessEntity().getStatusCode().value()).isEqualTo(200);

        assertThat(jdbc.sql("SELECT auto_pause_miners FROM engine.preferences").query(Boolean.class).single()).isFalse();
        assertThat(http.get().uri("/preferences").retrieve().body(Map.class).get("autoPauseMiners")).isEqualTo(false);
        assertThat(http.get().uri("/engine/queries/settings").retrieve().body(String.class))
                .contains("\"autoPauseMiners\":false");

        prefs.remove("autoPauseMiners");
        var missing = http.put().uri("/preferences").contentType(MediaType.APPLICATION_JSON).body(prefs).retrieve()
                .toEntity(Map.class);
        assertThat(missing.getStatusCode().value()).as("a client that does not know it cannot turn it off by omission")
                .isEqualTo(400);
        assertThat((List<Map<String, Object>>) missing.getBody().get("invalidParams"))
                .extracting(p -> p.get("field")).containsExactly("autoPauseMiners");
    }

    @Test
    void aTableRoundTripsThroughTheSpreadsheetEndpoints() {
        registerMiner("it-heater"); // a row names a registered device
        var table = Map.of("description", "surplus", "enabled", true, "rows", List.of(Map.of("row", 1,
                "name", "heater on", "socFrom", 80.0, "device", "it-heater", "on", true, "priority", 3,
                "cooldownMinutes", 15, "enabled", true)));
        assertThat(http.put().uri("/engine/tables/it-sheet").contentType(MediaType.APPLICATION_JSON).body(table)
                .retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(200);
        byte[] csv = http.get().uri("/engine/tables/it-sheet/spreadsheet?format=csv").retrieve().body(byte[].class);
        assertThat(new String(csv)).contains("RuleTable it-sheet", "heater on");
        var imported = http.put().uri("/engine/tables/it-copy/spreadsheet").contentType(MediaType.parseMediaType("text/csv"))
                .body(csv).retrieve().body(Map.class);
        assertThat(imported.get("rows").toString()).contains("socFrom=80.0", "cooldownMinutes=15");
        assertThat(http.get().uri("/engine/tables").retrieve().body(List.class)).hasSize(2);
    }
}
