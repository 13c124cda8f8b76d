package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.RulesFolderCopy;
import io.commandcenter.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
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

    @BeforeEach
    void setUp() {
        RulesFolderCopy.restore(RULES, "miners.drl");
        RulesFolderCopy.restore(RULES, "battery-floor.drl");
        http = TestUsers.admin(port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @AfterEach
    void restore() {
        RulesFolderCopy.restore(RULES, "miners.drl");
        RulesFolderCopy.restore(RULES, "battery-floor.drl");
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
    void activatesTheShippedRulesAfterTheyPassEveryScenario() {
        int before = activeVersion();

        ResponseEntity<JsonNode> activated = activate();

        assertThat(activated.getStatusCode().value()).as(String.valueOf(activated.getBody())).isEqualTo(200);
        assertThat(activeVersion()).isEqualTo(before + 1);
    }

    private ResponseEntity<JsonNode> activate() {
        return http.post().uri("/engine/rules/activate").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("activatedBy", "gate-test")).retrieve().toEntity(JsonNode.class);
    }

    private int activeVersion() {
        return http.get().uri("/engine/rules").retrieve().body(JsonNode.class).get("version").asInt();
    }
}
