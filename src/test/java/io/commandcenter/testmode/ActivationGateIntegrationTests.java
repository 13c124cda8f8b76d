package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.RulesFolderCopy;
import io.commandcenter.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** The engine's activation runs the scenario safety gate: an unsafe rule set never goes live. */
@IntegrationTest
class ActivationGateIntegrationTests {

    /** A copy of the production rules this test may edit. */
    static final Path RULES = RulesFolderCopy.create("gate-rules");

    @DynamicPropertySource
    static void rulesFolder(DynamicPropertyRegistry registry) {
        registry.add("commandcenter.rules.dir", RULES::toString);
    }

    @LocalServerPort int port;
    RestClient http;

    /** Throws only on a charge of exactly 42.42 %: no scenario or property check meets it, a posted reading does. */
    static final String THROWS_ON_ONE_CHARGE = """
            package rules;

            import io.commandcenter.engine.*;
            import io.commandcenter.engine.facts.*;

            rule "Charge of exactly 42.42 %"
            when
                BatteryNow(soc == 42.42, $at: at)
            then
                long perMinute = 60000L / ($at - $at);
            end
            """;

    @Autowired JdbcClient jdbc;

    @BeforeEach
    void setUp() throws IOException {
        RulesFolderCopy.restore(RULES, "miners.drl");
        Files.deleteIfExists(RULES.resolve("reports.drl"));
        RulesFolderCopy.restore(RULES, "battery-floor.drl");
        http = TestUsers.admin(port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @AfterEach
    void restore() throws IOException {
        RulesFolderCopy.restore(RULES, "miners.drl");
        Files.deleteIfExists(RULES.resolve("reports.drl"));
        RulesFolderCopy.restore(RULES, "battery-floor.drl");
    }

    @Test
    void refusesAPauseRuleConditionedOnTheDateOnValidateAndOnActivateAndTheLiveVersionStays() throws IOException {
        int before = activeVersion();
        Files.writeString(RULES.resolve("miners.drl"), TestRules.dateConditionedMiners());

        ResponseEntity<JsonNode> validated = validate(Map.of());
        ResponseEntity<JsonNode> activated = activate();

        for (ResponseEntity<JsonNode> refused : List.of(validated, activated)) {
            assertThat(refused.getStatusCode().value()).isEqualTo(422);
            assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(refused.getBody().get("type").asString()).endsWith("/rule-set-unsafe");
            assertThat(refused.getBody().get("refusals").toString())
                    .contains("property 'miners pause below the pause threshold' does not hold at ")
                    .contains("no allowed automation off for miner-1");
        }
        assertThat(validated.getBody().get("refusals")).isEqualTo(activated.getBody().get("refusals"));
        assertThat(activeVersion()).isEqualTo(before);
    }

    @Test
    void refusesARuleThatThrowsOnValidateAndOnActivateNamingTheRuleAndTheError() throws IOException {
        int before = activeVersion();

        ResponseEntity<JsonNode> validated = validate(Map.of("reports.drl", TestRules.THROWING_RULE));
        Files.writeString(RULES.resolve("reports.drl"), TestRules.THROWING_RULE);
        ResponseEntity<JsonNode> validatedFolder = validate(Map.of());
        ResponseEntity<JsonNode> activated = activate();

        for (ResponseEntity<JsonNode> refused : List.of(validated, validatedFolder, activated)) {
            assertThat(refused.getStatusCode().value()).isEqualTo(422);
            assertThat(refused.getBody().get("type").asString()).endsWith("/rule-set-unsafe");
            assertThat(refused.getBody().get("detail").asString()).startsWith("Activation refused: ")
                    .contains("rule 'Charge per running miner' failed at ").endsWith("ArithmeticException: / by zero");
        }
        assertThat(activeVersion()).isEqualTo(before);
    }

    @Test
    void rollsBackAVersionThatFailsLiveWithinItsProbationAndTellsTheOwnerOnce() throws IOException {
        chargeInForce(55);
        int before = activeVersion();
        int alertsBefore = rulesAlerts();
        Files.writeString(RULES.resolve("reports.drl"), THROWS_ON_ONE_CHARGE);
        ResponseEntity<JsonNode> activated = activate();
        assertThat(activated.getStatusCode().value()).as(String.valueOf(activated.getBody())).isEqualTo(200);
        int failing = activeVersion();
        assertThat(failing).isGreaterThan(before);

        postBattery(42.42);
        await().atMost(Duration.ofSeconds(10)).until(() -> activeVersion() == before);
        postBattery(42.42); // the restored rules take it in their stride

        JsonNode failed = versions(failing);
        assertThat(failed.get("active").asBoolean()).isFalse();
        assertThat(failed.get("failure").asString())
                .isEqualTo("rule 'Charge of exactly 42.42 %' threw ArithmeticException: / by zero");
        assertThat(versions(before).get("active").asBoolean()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> rulesAlerts() == alertsBefore + 1);
        // A failure is never told as a safety block, nor decided as one.
        assertThat(jdbc.sql("SELECT count(*) FROM engine.decisions WHERE rule_set_version = :v")
                .param("v", failing).query(Integer.class).single()).isZero();
    }

    @Test
    void rollsBackAVersionThatFailsAtItsFirstFiringBeforeActivateAnswers() throws IOException {
        chargeInForce(42.42);
        int before = activeVersion();
        Files.writeString(RULES.resolve("reports.drl"), THROWS_ON_ONE_CHARGE);

        ResponseEntity<JsonNode> activated = activate();

        assertThat(activated.getStatusCode().value()).isEqualTo(422);
        assertThat(activated.getBody().get("type").asString()).endsWith("/rule-set-failed");
        assertThat(activated.getBody().get("detail").asString())
                .isEqualTo("Activation rolled back: rule 'Charge of exactly 42.42 %' threw ArithmeticException: / by zero");
        int failed = activated.getBody().get("failedVersion").asInt();
        assertThat(activated.getBody().get("version").asInt()).isEqualTo(before);
        assertThat(activeVersion()).isEqualTo(before);
        assertThat(versions(failed).get("failure").asString()).startsWith("rule 'Charge of exactly 42.42 %' threw");
        chargeInForce(55);
    }

    /** Posts a charge and waits until the live rules hold it. */
    private void chargeInForce(double soc) {
        postBattery(soc);
        await().atMost(Duration.ofSeconds(10)).until(() -> http.get().uri("/engine/queries/latest battery").retrieve()
                .body(JsonNode.class).toString().contains("\"soc\":" + soc));
    }

    private int rulesAlerts() {
        return jdbc.sql("SELECT count(*) FROM notify.log WHERE template = 'alert-rules' AND channel = 'EMAIL'")
                .query(Integer.class).single();
    }

    private void postBattery(double soc) {
        ResponseEntity<JsonNode> accepted = http.post().uri("/engine/facts").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("type", "battery", "soc", soc)).retrieve().toEntity(JsonNode.class);
        assertThat(accepted.getStatusCode().value()).as(String.valueOf(accepted.getBody())).isEqualTo(202);
    }

    private JsonNode versions(int version) {
        for (JsonNode v : http.get().uri("/engine/rules/versions").retrieve().body(JsonNode.class)) {
            if (v.get("version").asInt() == version) {
                return v;
            }
        }
        throw new AssertionError("no version " + version);
    }

    private ResponseEntity<JsonNode> validate(Map<String, String> files) {
        return http.post().uri("/engine/rules/validate").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("files", files)).retrieve().toEntity(JsonNode.class);
    }

    @Test
    void refusesToActivateARuleSetThatLetsTheChargeFallBelowCriticalWithMinersOn() throws IOException {
        int before = activeVersion();
        Files.writeString(RULES.resolve("miners.drl"), TestRules.RESUME_AT_ANY_CHARGE);
        Files.delete(RULES.resolve("battery-floor.drl")); // or the floor would still shed the miners

        ResponseEntity<JsonNode> refused = activate();

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().get("type").asString()).endsWith("/rule-set-unsafe");
        assertThat(refused.getBody().get("detail").asString()).startsWith("Activation refused: scenario '");
        assertThat(refused.getBody().get("refusals").toString())
                .contains("scenario 'summer-week' (summer-week.yaml): SOC_BELOW_CRITICAL_WITH_LOAD_ON");
        assertThat(activeVersion()).isEqualTo(before);
    }

    @Test
    void refusesToActivateARuleSetThatNeverPausesMinersThoughTheFloorKeepsTheScenariosSafe() throws IOException {
        int before = activeVersion();
        Files.writeString(RULES.resolve("miners.drl"), TestRules.RESUME_AT_ANY_CHARGE);

        ResponseEntity<JsonNode> refused = activate();

        assertThat(refused.getStatusCode().value()).isEqualTo(422);
        assertThat(refused.getBody().get("type").asString()).endsWith("/rule-set-unsafe");
        assertThat(refused.getBody().get("refusals").toString())
                .contains("property 'miners pause below the pause threshold' does not hold at ");
        assertThat(activeVersion()).isEqualTo(before);
    }

    @Test
    void activatesTheShippedRulesAfterTheyPassEveryScenario() {
        int before = activeVersion();

        ResponseEntity<JsonNode> activated = activate();

        assertThat(activated.getStatusCode().value()).as(String.valueOf(activated.getBody())).isEqualTo(200);
        assertThat(activeVersion()).isGreaterThan(before);
    }

    private ResponseEntity<JsonNode> activate() {
        return http.post().uri("/engine/rules/activate").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("activatedBy", "gate-test")).retrieve().toEntity(JsonNode.class);
    }

    private int activeVersion() {
        return http.get().uri("/engine/rules").retrieve().body(JsonNode.class).get("version").asInt();
    }
}
