package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;

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

/** Site modes through the REST API and the pages: who may switch and edit, what is refused, what the rules see. */
@IntegrationTest
class SiteModeIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts accounts;

    RestClient admin;
    RestClient operator;
    RestClient viewer;

    @BeforeEach
    void setUp() {
        jdbc.sql("TRUNCATE engine.site_mode_switches").update();
        jdbc.sql("DELETE FROM engine.site_modes WHERE NOT built_in").update();
        admin = client(TestUsers.admin(port));
        operator = client(TestUsers.as(port, TestUsers.ensure(accounts, "otto", Role.OPERATOR)));
        viewer = client(TestUsers.as(port, TestUsers.ensure(accounts, "vera", Role.VIEWER)));
        // a switch made by another test class in this context would still be in force in the engine
        admin.post().uri("/site-modes/active").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mode", "Normal")).retrieve().toBodilessEntity();
        jdbc.sql("TRUNCATE engine.site_mode_switches").update();
    }

    @AfterEach
    void backToNormal() {
        admin.post().uri("/site-modes/active").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mode", "Normal", "reason", "test over")).retrieve().toBodilessEntity();
    }

    private static RestClient client(RestClient.Builder builder) {
        return builder.defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
    }

    @Test
    void listsTheShippedModesWithNormalInForceBeforeAnySwitch() {
        JsonNode body = viewer.get().uri("/site-modes").retrieve().body(JsonNode.class);

        assertThat(body.path("active").path("mode").asString()).isEqualTo("Normal");
        assertThat(body.path("modes").findValuesAsString("name")).contains("Normal", "Storm prep", "Away");
        JsonNode storm = body.path("modes").get(body.path("modes").findValuesAsString("name").indexOf("Storm prep"));
        assertThat(storm.path("minSoc").asDouble()).isEqualTo(60.0);
        assertThat(storm.path("changes").get(0).asString()).isEqualTo("minimum charge 60 %");
    }

    @Test
    void anOperatorSwitchesTheModeAndTheRulesDecideByIt() {
        assertThat(viewer.post().uri("/site-modes/active").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mode", "Away")).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(403);

        ResponseEntity<JsonNode> switched = operator.post().uri("/site-modes/active")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("mode", "Storm prep", "reason", "storm tonight"))
                .retrieve().toEntity(JsonNode.class);

        assertThat(switched.getStatusCode().value()).isEqualTo(200);
        assertThat(switched.getBody().path("by").asString()).isEqualTo("otto");
        JsonNode active = viewer.get().uri("/site-modes").retrieve().body(JsonNode.class).path("active");
        assertThat(active.path("mode").asString()).isEqualTo("Storm prep");
        assertThat(active.path("reason").asString()).isEqualTo("storm tonight");
        assertThat(jdbc.sql("SELECT count(*) FROM engine.site_mode_switches WHERE switched_by = 'otto'")
                .query(Long.class).single()).as("every switch is kept").isEqualTo(1);

        JsonNode settings = admin.get().uri("/engine/queries/settings").retrieve().body(JsonNode.class);
        assertThat(settings.toString()).as("the rules see Storm prep's minimum").contains("\"minSoc\":60.0");
        String page = viewer.get().uri("/power").retrieve().body(String.class);
        assertThat(page).as("the top bar names the mode").contains("Mode: Storm prep");
    }

    @Test
    void badModesAreRefusedOnTheirFieldAndNothingIsStored() {
        ResponseEntity<JsonNode> tooLow = admin.put().uri("/site-modes/Holiday").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("minSoc", 10)).retrieve().toEntity(JsonNode.class);
        assertThat(tooLow.getStatusCode().value()).isEqualTo(400);
        assertThat(tooLow.getBody().path("invalidParams").get(0).path("field").asString())
                .as("a minimum below the critical charge (20)").isEqualTo("minSoc");

        ResponseEntity<JsonNode> outOfRange = admin.put().uri("/site-modes/Holiday")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("pauseMinersBelow", 140))
                .retrieve().toEntity(JsonNode.class);
        assertThat(outOfRange.getStatusCode().value()).isEqualTo(400);
        assertThat(outOfRange.getBody().path("invalidParams").get(0).path("field").asString())
                .isEqualTo("pauseMinersBelow");
        assertThat(jdbc.sql("SELECT count(*) FROM engine.site_modes WHERE name = 'Holiday'").query(Long.class).single())
                .isZero();

        assertThat(operator.put().uri("/site-modes/Holiday").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("minSoc", 40)).retrieve().toBodilessEntity().getStatusCode().value())
                .as("editing modes is an admin's").isEqualTo(403);
        assertThat(admin.delete().uri("/site-modes/Away").retrieve().toEntity(JsonNode.class).getStatusCode().value())
                .as("a shipped mode cannot be deleted").isEqualTo(400);
        assertThat(admin.post().uri("/site-modes/active").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mode", "Nowhere")).retrieve().toEntity(JsonNode.class).getStatusCode().value())
                .isEqualTo(404);
    }

    @Test
    void anAdminAddsAModeSwitchesToItAndCannotDeleteItWhileItIsInForce() {
        ResponseEntity<JsonNode> saved = admin.put().uri("/site-modes/Holiday").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("description", "a week away", "minSoc", 45, "confirmation", "SOMETIMES"))
                .retrieve().toEntity(JsonNode.class);
        assertThat(saved.getStatusCode().value()).isEqualTo(200);
        assertThat(saved.getBody().path("changes").toString()).contains("minimum charge 45 %");

        operator.post().uri("/site-modes/active").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mode", "Holiday")).retrieve().toBodilessEntity();
        ResponseEntity<JsonNode> refused = admin.delete().uri("/site-modes/Holiday").retrieve().toEntity(JsonNode.class);
        assertThat(refused.getStatusCode().value()).isEqualTo(400);
        assertThat(refused.getBody().path("invalidParams").get(0).path("message").asString()).contains("in force");

        operator.post().uri("/site-modes/active").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("mode", "Normal")).retrieve().toBodilessEntity();
        assertThat(admin.delete().uri("/site-modes/Holiday").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(204);
    }
}
