package io.commandcenter.features;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The flags over REST against PostgreSQL: who may read and change them, what is stored and kept, what is refused. */
@IntegrationTest
@RecordApplicationEvents
class FeatureFlagsIntegrationTests {

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;
    @Autowired UserAccounts accounts;
    @Autowired FeatureFlags flags;
    @Autowired FeatureRepository repository;
    @Autowired FeatureProperties properties;
    @Autowired List<FeatureDefault> defaults;
    @Autowired Clock clock;
    @Autowired ApplicationEventPublisher publisher;
    @Autowired PlatformTransactionManager transactions;
    @Autowired ApplicationEvents events;

    RestClient admin;
    RestClient operator;
    RestClient viewer;

    @BeforeEach
    void noOverrides() {
        clear();
        admin = client(TestUsers.admin(port));
        operator = client(TestUsers.as(port, TestUsers.ensure(accounts, "otto", Role.OPERATOR)));
        viewer = client(TestUsers.as(port, TestUsers.ensure(accounts, "vera", Role.VIEWER)));
    }

    /** Other tests in this application must see the flags as configured. */
    @AfterEach
    void clear() {
        jdbc.sql("DELETE FROM features.overrides").update();
        jdbc.sql("TRUNCATE features.changes").update();
        flags.reload();
    }

    private static RestClient client(RestClient.Builder builder) {
        return builder.defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
    }

    private ResponseEntity<JsonNode> put(RestClient as, String path, Object body) {
        return as.put().uri(path).contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toEntity(JsonNode.class);
    }

    @Test
    void everyoneSignedInSeesTheSevenFlagsWithWhereEachStateComesFrom() {
        JsonNode list = viewer.get().uri("/features").retrieve().body(JsonNode.class);

        assertThat(list.findValuesAsString("flag")).containsExactly("VICTRON_POLLING", "SHELLY_POLLING",
                "SOLARK_POLLING", "HARDWARE_CONTROL", "AUTOMATION", "AGENTS", "LEARNING");
        assertThat(list.findValuesAsString("source")).containsOnly("ENVIRONMENT");
        JsonNode learning = list.get(6);
        assertThat(learning.path("enabled").asBoolean()).as("learning ships off").isFalse();
        assertThat(learning.path("defaultFrom").asString()).contains("COMMANDCENTER_FEATURES_LEARNING");
        // the test site runs on the simulator, and the property is not set: control's default applies
        assertThat(list.get(3).path("enabled").asBoolean()).isTrue();
        assertThat(list.get(3).path("defaultFrom").asString()).isEqualTo("on with the simulator");
        assertThat(viewer.get().uri("/api/v1/features/agents").retrieve().body(JsonNode.class).path("flag").asString())
                .isEqualTo("AGENTS");
    }

    @Test
    void anAdminOverridesAFlagAndTheChangeIsStoredAndAudited() {
        ResponseEntity<JsonNode> off = put(admin, "/features/AUTOMATION",
                Map.of("enabled", false, "reason", "commissioning the new miner"));

        assertThat(off.getStatusCode().value()).isEqualTo(200);
        assertThat(off.getBody().path("enabled").asBoolean()).isFalse();
        assertThat(off.getBody().path("source").asString()).isEqualTo("OVERRIDE");
        assertThat(off.getBody().path("sourceText").asString()).isEqualTo("admin override by admin");
        assertThat(off.getBody().path("override").path("reason").asString()).isEqualTo("commissioning the new miner");
        assertThat(flags.isEnabled(Feature.AUTOMATION)).isFalse();
        assertThat(jdbc.sql("SELECT enabled FROM features.overrides WHERE flag = 'AUTOMATION'").query(Boolean.class)
                .single()).isFalse();

        ResponseEntity<JsonNode> back = admin.post().uri("/api/v1/features/automation/reset")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "miner runs fine"))
                .retrieve().toEntity(JsonNode.class);
        assertThat(back.getStatusCode().value()).isEqualTo(200);
        assertThat(back.getBody().path("enabled").asBoolean()).isTrue();
        assertThat(back.getBody().path("source").asString()).isEqualTo("ENVIRONMENT");
        assertThat(jdbc.sql("SELECT count(*) FROM features.overrides").query(Long.class).single()).isZero();

        JsonNode audit = viewer.get().uri("/features/changes?flag=AUTOMATION").retrieve().body(JsonNode.class);
        assertThat(audit).hasSize(2);
        assertThat(audit.get(0).path("override").isNull()).as("newest first: the override cleared").isTrue();
        assertThat(audit.get(0).path("reason").asString()).isEqualTo("miner runs fine");
        assertThat(audit.get(1).path("by").asString()).isEqualTo("admin");
        assertThat(audit.get(1).path("override").asBoolean()).isFalse();
        assertThat(audit.get(1).path("wasEnabled").asBoolean()).isTrue();
        assertThat(audit.get(1).path("enabled").asBoolean()).isFalse();
        assertThat(audit.get(1).path("at").isMissingNode()).isFalse();
    }

    @Test
    void anOverrideSurvivesARestartOfTheService() {
        flags.override(Feature.AGENTS, false, "admin", "model bill too high this month");

        FeatureFlags restarted = new FeatureFlags(repository, properties, defaults, clock, publisher, transactions);

        FeatureState agents = restarted.state(Feature.AGENTS);
        assertThat(agents.enabled()).isFalse();
        assertThat(agents.override().by()).isEqualTo("admin");
        assertThat(agents.override().reason()).isEqualTo("model bill too high this month");
        assertThat(restarted.state(Feature.AUTOMATION).overridden()).isFalse();
    }

    @Test
    void aChangeIsPublishedForTheModulesThatReactToIt() {
        flags.override(Feature.SHELLY_POLLING, false, "admin", "Shelly Cloud maintenance");

        assertThat(events.stream(FeatureToggled.class)).singleElement().satisfies(e -> {
            assertThat(e.feature()).isEqualTo(Feature.SHELLY_POLLING);
            assertThat(e.enabled()).isFalse();
            assertThat(e.changed()).isTrue();
            assertThat(e.by()).isEqualTo("admin");
        });
    }

    @Test
    void onlyAnAdminChangesAFlag() {
        Map<String, Object> body = Map.of("enabled", false, "reason", "why not");
        assertThat(put(operator, "/features/AUTOMATION", body).getStatusCode().value()).isEqualTo(403);
        assertThat(put(viewer, "/api/v1/features/AUTOMATION", body).getStatusCode().value()).isEqualTo(403);
        assertThat(operator.post().uri("/features/AUTOMATION/reset").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("reason", "x")).retrieve().toBodilessEntity().getStatusCode().value()).isEqualTo(403);
        assertThat(flags.state(Feature.AUTOMATION).overridden()).isFalse();
    }

    @Test
    void badChangesAreRefusedNamingTheFieldAndNothingIsStored() {
        ResponseEntity<JsonNode> unknown = put(admin, "/features/TURBO", Map.of("enabled", true, "reason", "faster"));
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(unknown.getBody().path("type").asString()).endsWith("/unknown-feature");
        assertThat(unknown.getBody().path("known").toString()).contains("AUTOMATION");

        ResponseEntity<JsonNode> noReason = put(admin, "/features/AUTOMATION", Map.of("enabled", false));
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);
        assertThat(noReason.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(noReason.getBody().path("invalidParams").findValuesAsString("field")).containsExactly("reason");

        ResponseEntity<JsonNode> nothing = put(admin, "/features/AUTOMATION", Map.of());
        assertThat(nothing.getStatusCode().value()).isEqualTo(400);
        assertThat(nothing.getBody().path("invalidParams").findValuesAsString("field"))
                .containsExactly("enabled", "reason");

        ResponseEntity<JsonNode> notABoolean = put(admin, "/features/AUTOMATION",
                Map.of("enabled", "no", "reason", "typo"));
        assertThat(notABoolean.getStatusCode().value()).isEqualTo(400);
        assertThat(notABoolean.getBody().path("invalidParams").findValuesAsString("field")).containsExactly("enabled");

        ResponseEntity<JsonNode> resetWithoutReason = admin.post().uri("/features/AUTOMATION/reset")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of()).retrieve().toEntity(JsonNode.class);
        assertThat(resetWithoutReason.getStatusCode().value()).isEqualTo(400);
        assertThat(resetWithoutReason.getBody().path("invalidParams").findValuesAsString("field"))
                .containsExactly("reason");

        assertThat(viewer.get().uri("/features/TURBO").retrieve().toBodilessEntity().getStatusCode().value())
                .isEqualTo(404);
        assertThat(jdbc.sql("SELECT count(*) FROM features.overrides").query(Long.class).single()).isZero();
        assertThat(jdbc.sql("SELECT count(*) FROM features.changes").query(Long.class).single()).isZero();
    }
}
