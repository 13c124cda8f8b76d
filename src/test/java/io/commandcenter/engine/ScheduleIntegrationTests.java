package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
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

/** Schedules through the REST API and the service's tick, on chosen instants: on time, missed, refused. */
@IntegrationTest
class ScheduleIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    ScheduleService schedules;
    @Autowired
    SiteModeService modes;

    RestClient admin;
    RestClient viewer;

    @BeforeEach
    void setUp() {
        jdbc.sql("TRUNCATE engine.schedules, engine.schedule_runs").update();
        admin = TestUsers.admin(port).defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        viewer = TestUsers.as(port, TestUsers.ensure(accounts, "vera", Role.VIEWER))
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        modes.switchTo("Normal", "test", "start");
    }

    @AfterEach
    void cleanUp() {
        jdbc.sql("TRUNCATE engine.schedules, engine.schedule_runs").update();
        modes.switchTo("Normal", "test", "done");
    }

    private ResponseEntity<JsonNode> put(RestClient as, String name, Map<String, Object> body) {
        return as.put().uri("/api/v1/engine/schedules/{name}", name).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(JsonNode.class);
    }

    private static Map<String, Object> mode(String repeat, Object... more) {
        Map<String, Object> body = new HashMap<>(Map.of("repeat", repeat, "does", "SET_MODE", "mode", "Away"));
        for (int i = 0; i < more.length; i += 2) {
            body.put((String) more[i], more[i + 1]);
        }
        return body;
    }

    private long runs(String name) {
        return jdbc.sql("SELECT count(*) FROM engine.schedule_runs WHERE schedule = :n").param("n", name)
                .query(Long.class).single();
    }

    @Test
    void aOneTimeScheduleRunsOnceAtItsTimeAndListsItsNextRunBefore() {
        LocalDateTime at = LocalDateTime.now(ZoneOffset.UTC).plusMinutes(30).truncatedTo(ChronoUnit.MINUTES);
        ResponseEntity<JsonNode> saved = put(admin, "away at noon", mode("ONCE", "at", at.toString()));
        assertThat(saved.getStatusCode().value()).as(String.valueOf(saved.getBody())).isEqualTo(200);
        JsonNode listed = viewer.get().uri("/api/v1/engine/schedules").retrieve().body(JsonNode.class).get(0);
        assertThat(listed.path("nextRuns").get(0).asString()).isEqualTo(at.toInstant(ZoneOffset.UTC).toString());
        assertThat(listed.path("inWords").asString()).startsWith("once on ");
        JsonNode one = viewer.get().uri("/api/v1/engine/schedules/{name}", "away at noon").retrieve().body(JsonNode.class);
        assertThat(one.path("schedule").path("at").asString()).as("the form on /automation edits from this")
                .startsWith(at.toString());
        assertThat(one.path("nextRuns")).isEqualTo(listed.path("nextRuns"));

        Instant due = at.toInstant(ZoneOffset.UTC);
        schedules.tick(due.minusSeconds(5));
        assertThat(runs("away at noon")).as("not yet").isZero();
        schedules.tick(due.plusSeconds(10));
        schedules.tick(due.plusSeconds(25));

        assertThat(runs("away at noon")).as("once, not on every tick").isEqualTo(1);
        assertThat(modes.active().mode().name()).isEqualTo("Away");
        assertThat(modes.active().since().by()).isEqualTo("schedule / away at noon");
    }

    @Test
    void aRunMissedWhileThePlatformWasDownIsSkippedOrRunOnceAsTheScheduleSays() {
        String time = LocalDateTime.now(ZoneOffset.UTC).plusMinutes(5).toLocalTime().truncatedTo(ChronoUnit.MINUTES)
                .toString();
        put(admin, "skip", mode("DAILY", "time", time, "missed", "SKIP"));
        put(admin, "catch up", mode("DAILY", "time", time, "missed", "RUN_ONCE"));

        schedules.tick(Instant.now().plus(Duration.ofDays(3))); // three days down: three runs missed

        var stored = schedules.all();
        assertThat(stored).filteredOn(s -> s.schedule().name().equals("skip")).singleElement()
                .satisfies(s -> assertThat(s.lastOutcome()).startsWith("skipped"));
        assertThat(stored).filteredOn(s -> s.schedule().name().equals("catch up")).singleElement()
                .satisfies(s -> assertThat(s.lastOutcome()).isEqualTo("ran late"));
        assertThat(runs("catch up")).as("run once, not three times").isEqualTo(1);
        assertThat(runs("skip")).isEqualTo(1);
        assertThat(modes.active().mode().name()).isEqualTo("Away");
    }

    @Test
    void badSchedulesAreRefusedOnTheirFieldsAndNotStored() {
        ResponseEntity<JsonNode> past = put(admin, "past", mode("ONCE", "at", "2020-01-01T10:00"));
        assertThat(past.getStatusCode().value()).isEqualTo(400);
        assertThat(past.getBody().path("invalidParams").get(0).path("field").asString()).isEqualTo("at");

        ResponseEntity<JsonNode> never = put(admin, "never", mode("CRON", "cron", "0 0 0 30 2 *"));
        assertThat(never.getStatusCode().value()).isEqualTo(400);
        assertThat(never.getBody().path("invalidParams").get(0).path("message").asString()).contains("never fires");

        ResponseEntity<JsonNode> noDays = put(admin, "no days", mode("WEEKLY", "time", "06:00"));
        assertThat(noDays.getBody().path("invalidParams").findValuesAsString("field")).contains("weekdays");

        java.util.List<Object> nullDay = new java.util.ArrayList<>();
        nullDay.add(null);
        ResponseEntity<JsonNode> withNull = put(admin, "null day", mode("WEEKLY", "time", "06:00", "weekdays", nullDay));
        assertThat(withNull.getStatusCode().value()).as(String.valueOf(withNull.getBody())).isEqualTo(400);
        assertThat(withNull.getBody().path("invalidParams").findValuesAsString("field")).contains("weekdays");

        ResponseEntity<JsonNode> unknown = put(admin, "ghost", Map.of("repeat", "DAILY", "time", "06:00",
                "does", "SWITCH", "device", "no-such-device", "on", true));
        assertThat(unknown.getBody().path("invalidParams").findValuesAsString("field")).contains("device");

        assertThat(put(viewer, "mine", mode("DAILY", "time", "06:00")).getStatusCode().value()).isEqualTo(403);
        assertThat(jdbc.sql("SELECT count(*) FROM engine.schedules").query(Long.class).single()).isZero();
        assertThat(List.of(admin.delete().uri("/api/v1/engine/schedules/none").retrieve().toBodilessEntity()
                .getStatusCode().value(), viewer.get().uri("/api/v1/engine/schedules/none").retrieve()
                .toBodilessEntity().getStatusCode().value())).containsExactly(404, 404);
    }
}
