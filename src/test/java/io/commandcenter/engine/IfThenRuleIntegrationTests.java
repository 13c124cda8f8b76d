package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.web.Role;
import io.commandcenter.web.UserAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** If/then rules through the REST API: checked on their fields, gated, made live, and their actions carried out. */
@IntegrationTest
class IfThenRuleIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    io.commandcenter.timeseries.ReadingWriter writer;

    RestClient admin;
    RestClient viewer;

    @BeforeEach
    void setUp() {
        admin = TestUsers.admin(port).defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        viewer = TestUsers.as(port, TestUsers.ensure(accounts, "vera", Role.VIEWER))
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        for (JsonNode rule : admin.get().uri("/engine/if-then-rules").retrieve().body(JsonNode.class)) {
            admin.delete().uri("/engine/if-then-rules/{name}", rule.path("name").asString()).retrieve()
                    .toBodilessEntity();
        }
        // What earlier runs' rules did this week would count again for a rule of the same name.
        jdbc.sql("DELETE FROM engine.rule_notices WHERE rule LIKE 'if-then / %'").update();
        jdbc.sql("DELETE FROM engine.site_mode_switches WHERE switched_by LIKE 'if-then / %'").update();
    }

    @AfterEach
    void backToNormal() {
        setUp();
        admin.post().uri("/site-modes/active").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mode", "Normal")).retrieve().toBodilessEntity();
    }

    private ResponseEntity<JsonNode> put(RestClient as, String name, Map<String, Object> body) {
        return as.put().uri("/engine/if-then-rules/{name}", name).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(JsonNode.class);
    }

    private static Map<String, Object> condition(String trigger, Object atLeast, Object below) {
        var c = new java.util.HashMap<String, Object>();
        c.put("trigger", trigger);
        if (atLeast != null) c.put("atLeast", atLeast);
        if (below != null) c.put("below", below);
        return c;
    }

    @Test
    void aRuleIsSavedAsASentenceGoesLiveAndItsModeSwitchIsCarriedOut() throws Exception {
        ResponseEntity<JsonNode> saved = put(admin, "low battery away", Map.of(
                "conditions", List.of(condition("SOC", null, 35)),
                "actions", List.of(Map.of("does", "SET_MODE", "mode", "Away"))));

        assertThat(saved.getStatusCode().value()).as(String.valueOf(saved.getBody())).isEqualTo(200);
        assertThat(saved.getBody().path("inWords").asString())
                .isEqualTo("When the battery is below 35 %, then set the site mode to Away");
        assertThat(viewer.get().uri("/engine/if-then-rules").retrieve().body(JsonNode.class).findValuesAsString("name"))
                .containsExactly("low battery away");

        admin.post().uri("/engine/facts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "battery", "soc", 33, "voltage", 51, "current", -5)).retrieve()
                .toBodilessEntity();

        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        JsonNode active = null;
        while (Instant.now().isBefore(deadline)) {
            active = viewer.get().uri("/site-modes").retrieve().body(JsonNode.class).path("active");
            if ("Away".equals(active.path("mode").asString())) {
                break;
            }
            Thread.sleep(100);
        }
        assertThat(active.path("mode").asString()).isEqualTo("Away");
        assertThat(active.path("by").asString()).isEqualTo("if-then / low battery away");
        String page = viewer.get().uri("/automation").retrieve().body(String.class);
        String row = page.substring(page.indexOf("id=\"rule-if-then-/-low-battery-away\""));
        assertThat(row.substring(0, row.indexOf("</tr>"))).as("its mode switch counts as acting this week")
                .contains("<td class=\"this-week\">1</td>");
    }

    @Test
    void theAutomationPageListsEveryRuleInWordsWithHowOftenItDecidedThisWeek() throws Exception {
        ResponseEntity<JsonNode> saved = put(admin, "evening shed", Map.of("conditions", List.of(condition("SOC", null,
                45), condition("PV", null, 500)), "sustainedMinutes", 10, "actions", List.of(Map.of("does", "SWITCH",
                "deviceType", "MINER", "on", false), Map.of("does", "NOTIFY"))));
        assertThat(saved.getStatusCode().value()).as(String.valueOf(saved.getBody())).isEqualTo(200);
        jdbc.sql("DELETE FROM shelly.devices WHERE name = 'it-auto-heater'").update();
        admin.post().uri("/devices").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "it-auto-heater",
                "cloudId", "it-auto", "channel", 0, "type", "HEATER", "ratedPower", 1000)).retrieve().toBodilessEntity();
        jdbc.sql("TRUNCATE engine.decisions").update();
        admin.post().uri("/engine/facts").contentType(MediaType.APPLICATION_JSON).body(Map.of("type", "action",
                "device", "it-auto-heater", "on", false, "source", "MANUAL", "requestedBy", "vera", "reason", "test"))
                .retrieve().toBodilessEntity();

        String page = viewer.get().uri("/automation").retrieve().body(String.class);
        Instant deadline = Instant.now().plus(Duration.ofSeconds(15));
        while (!page.contains(">1</td>") && Instant.now().isBefore(deadline)) {
            Thread.sleep(100); // the decision is stored off the engine thread
            page = viewer.get().uri("/automation").retrieve().body(String.class);
        }

        assertThat(page).contains("When the battery is below 45 % and solar is below 500 W for 10 minutes, then pause"
                + " all miners and notify me");
        assertThat(page).contains("Battery below the pause threshold: pause running miners").contains("miners.drl");
        assertThat(page).as("the manual decision counted for the rules that made it").contains(">1</td>");
        assertThat(page).doesNotContain("Switch off").as("viewers do not switch rules");
        assertThat(admin.get().uri("/automation").retrieve().body(String.class)).contains("Switch off");
        jdbc.sql("DELETE FROM shelly.devices WHERE name = 'it-auto-heater'").update();
    }

    private int activeVersion() {
        for (JsonNode v : admin.get().uri("/api/v1/engine/rules/versions").retrieve().body(JsonNode.class)) {
            if (v.path("active").asBoolean()) {
                return v.path("version").asInt();
            }
        }
        throw new AssertionError("no active version");
    }

    @Test
    void aVersionRecordsTheIfThenRulesItRanWithAndARollbackBringsThemBack() {
        put(admin, "first", Map.of("conditions", List.of(condition("SOC", null, 30)),
                "actions", List.of(Map.of("does", "NOTIFY", "message", "one"))));
        int withFirst = activeVersion();
        put(admin, "second", Map.of("conditions", List.of(condition("SOC", null, 25)),
                "actions", List.of(Map.of("does", "NOTIFY", "message", "two"))));
        assertThat(activeVersion()).isGreaterThan(withFirst);

        ResponseEntity<JsonNode> back = admin.post().uri("/api/v1/engine/rules/versions/{v}/rollback", withFirst)
                .retrieve().toEntity(JsonNode.class);

        assertThat(back.getStatusCode().value()).as(String.valueOf(back.getBody())).isEqualTo(200);
        assertThat(viewer.get().uri("/api/v1/engine/if-then-rules").retrieve().body(JsonNode.class)
                .findValuesAsString("name")).as("the rules as that version ran them").containsExactly("first");
    }

    @Autowired
    io.commandcenter.timeseries.PvForecasts forecasts;

    @Test
    void aPreviewOfAPoorForecastRuleReplaysTheStoredForecastAndShowsTheModeSwitchItWouldHaveMade() {
        jdbc.sql("TRUNCATE victron.battery_readings, solark.flow_readings, shelly.power_readings, forecast.pv_hours")
                .update();
        Instant start = Instant.now().minus(Duration.ofHours(3)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES);
        List<io.commandcenter.timeseries.BatteryReading> battery = new java.util.ArrayList<>();
        for (int m = 0; m < 120; m += 3) {
            battery.add(new io.commandcenter.timeseries.BatteryReading("home", start.plus(Duration.ofMinutes(m)), 55, 51,
                    -20, null));
        }
        writer.storeBattery(battery);
        // Issued an hour into the window: a dull two days ahead, about 2.4 kWh a day.
        Instant issued = start.plus(Duration.ofHours(1));
        List<io.commandcenter.timeseries.PvForecast.Hour> dull = new java.util.ArrayList<>();
        for (int h = 1; h <= 48; h++) {
            dull.add(new io.commandcenter.timeseries.PvForecast.Hour(issued.plus(Duration.ofHours(h)), 20, 95, 8, 100));
        }
        forecasts.store(new io.commandcenter.timeseries.PvForecast("home", issued, "test", dull));

        ResponseEntity<JsonNode> preview = admin.post().uri("/api/v1/engine/if-then-rules/{name}/preview", "poor tomorrow")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of(
                        "conditions", List.of(Map.of("trigger", "FORECAST_KWH", "hours", 24, "below", 5),
                                condition("SOC", null, 60)),
                        "actions", List.of(Map.of("does", "SET_MODE", "mode", "Storm prep"))))
                .retrieve().toEntity(JsonNode.class);

        assertThat(preview.getStatusCode().value()).as(String.valueOf(preview.getBody())).isEqualTo(200);
        List<String> also = preview.getBody().path("alsoDoes").valueStream().map(JsonNode::asString).toList();
        assertThat(also).as("from the forecast's issue on, not before").singleElement().satisfies(line -> {
            assertThat(line).startsWith(issued.toString().substring(0, 16));
            assertThat(line).contains("SET_MODE: site mode Storm prep", "(if-then / poor tomorrow)");
        });
        assertThat(jdbc.sql("SELECT count(*) FROM engine.if_then_rules").query(Long.class).single()).isZero();
        jdbc.sql("TRUNCATE forecast.pv_hours").update();
    }

    @Test
    void aRuleThatOnlyNotifiesCountsAsActingThisWeek() throws Exception {
        ResponseEntity<JsonNode> saved = put(admin, "tell me low", Map.of(
                "conditions", List.of(condition("SOC", null, 34)),
                "actions", List.of(Map.of("does", "NOTIFY", "message", "battery low"))));
        assertThat(saved.getStatusCode().value()).as(String.valueOf(saved.getBody())).isEqualTo(200);

        admin.post().uri("/engine/facts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "battery", "soc", 32, "voltage", 51, "current", -5)).retrieve()
                .toBodilessEntity();

        String row = "";
        for (Instant deadline = Instant.now().plusSeconds(15); Instant.now().isBefore(deadline); Thread.sleep(100)) {
            String page = viewer.get().uri("/automation").retrieve().body(String.class);
            row = page.substring(page.indexOf("id=\"rule-if-then-/-tell-me-low\""));
            row = row.substring(0, row.indexOf("</tr>"));
            if (row.contains("<td class=\"this-week\">1</td>")) {
                break;
            }
        }
        assertThat(row).as("its notice counts as acting this week").contains("<td class=\"this-week\">1</td>");
    }

    @Test
    void aPreviewShowsWhatTheRuleWouldHaveDoneOverTheRecordedDaysAndSavesNothing() {
        jdbc.sql("DELETE FROM shelly.devices WHERE name = 'it-preview-heater'").update();
        admin.post().uri("/devices").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", "it-preview-heater",
                "cloudId", "it-preview", "channel", 0, "type", "HEATER", "ratedPower", 1000)).retrieve()
                .toBodilessEntity();
        jdbc.sql("TRUNCATE victron.battery_readings, solark.flow_readings, shelly.power_readings").update();
        Instant start = Instant.now().minus(Duration.ofHours(3));
        List<io.commandcenter.timeseries.BatteryReading> battery = new java.util.ArrayList<>();
        List<io.commandcenter.timeseries.DevicePowerReading> heater = new java.util.ArrayList<>();
        for (int m = 0; m < 120; m += 3) { // two hours falling from 60 % to 40 %, the heater on throughout
            Instant at = start.plus(Duration.ofMinutes(m));
            battery.add(new io.commandcenter.timeseries.BatteryReading("home", at, 60 - m / 6.0, 51, -20, null));
            heater.add(new io.commandcenter.timeseries.DevicePowerReading("it-preview-heater", at, true, true, 1000.0,
                    230.0, 4.3, null));
        }
        writer.storeBattery(battery);
        writer.storeDevices(heater);

        ResponseEntity<JsonNode> preview = admin.post().uri("/engine/if-then-rules/{name}/preview", "heater off low")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of(
                        "conditions", List.of(condition("SOC", null, 45)),
                        "actions", List.of(Map.of("does", "SWITCH", "device", "it-preview-heater", "on", false))))
                .retrieve().toEntity(JsonNode.class);

        assertThat(preview.getStatusCode().value()).as(String.valueOf(preview.getBody())).isEqualTo(200);
        assertThat(preview.getBody().path("inWords").asString()).as("the sentence, to read before saving")
                .isEqualTo("When the battery is below 45 %, then switch it-preview-heater off");
        assertThat(preview.getBody().path("readings").asInt()).isGreaterThanOrEqualTo(80);
        assertThat(preview.getBody().path("differences").toString()).contains("it-preview-heater off");
        assertThat(preview.getBody().path("violations")).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM engine.if_then_rules").query(Long.class).single())
                .as("a preview saves nothing").isZero();
        jdbc.sql("DELETE FROM shelly.devices WHERE name = 'it-preview-heater'").update();
    }

    @Test
    void badRulesAreRefusedOnTheirFieldsAndNotStored() {
        ResponseEntity<JsonNode> bad = put(admin, "bad", Map.of(
                "conditions", List.of(condition("SOC", 50, 40), condition("PV", null, null),
                        Map.of("trigger", "FORECAST_KWH", "below", 5, "hours", 5)),
                "actions", List.of(Map.of("does", "SWITCH", "device", "no-such-device", "on", false))));

        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody().path("invalidParams").findValuesAsString("field")).contains("conditions[0].below",
                "conditions[1].below", "conditions[2].hours", "actions[0].device");
        assertThat(jdbc.sql("SELECT count(*) FROM engine.if_then_rules").query(Long.class).single()).isZero();

        ResponseEntity<JsonNode> contradiction = put(admin, "never", Map.of(
                "conditions", List.of(condition("SOC", null, 30), condition("SOC", 60, null)),
                "actions", List.of(Map.of("does", "NOTIFY", "message", "never"))));
        assertThat(contradiction.getStatusCode().value()).isEqualTo(400);
        assertThat(contradiction.getBody().path("invalidParams").get(0).path("message").asString())
                .contains("can never hold together");

        java.util.List<Object> nullCondition = new java.util.ArrayList<>();
        nullCondition.add(null);
        ResponseEntity<JsonNode> withNull = put(admin, "null", Map.of("conditions", nullCondition,
                "actions", List.of(Map.of("does", "NOTIFY"))));
        assertThat(withNull.getStatusCode().value()).as(String.valueOf(withNull.getBody())).isEqualTo(400);
        assertThat(withNull.getBody().path("invalidParams").get(0).path("field").asString())
                .isEqualTo("conditions[0].test");

        assertThat(put(viewer, "mine", Map.of("conditions", List.of(condition("SOC", null, 30)),
                "actions", List.of(Map.of("does", "NOTIFY")))).getStatusCode().value())
                .as("rules change policy: admins only").isEqualTo(403);
        assertThat(admin.delete().uri("/engine/if-then-rules/nothing").retrieve().toEntity(JsonNode.class)
                .getStatusCode().value()).isEqualTo(404);
    }
}
