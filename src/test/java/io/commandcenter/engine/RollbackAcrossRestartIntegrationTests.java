package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.RulesFolderCopy;
import io.commandcenter.TestUsers;
import io.commandcenter.testmode.TestRules;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * An owner edits a rule file, activates it, rolls back through the API, and then the site restarts
 * (a power cut). The rollback must still be what runs; an edit made after it must go live, unless
 * it fails the scenario safety gate.
 */
@IntegrationTest
class RollbackAcrossRestartIntegrationTests {

    static final Path RULES = RulesFolderCopy.create("restart-rules");
    static final String PAUSE_RULE = "Battery below the pause threshold: pause running miners";

    @DynamicPropertySource
    static void rulesFolder(DynamicPropertyRegistry registry) {
        registry.add("commandcenter.rules.dir", RULES::toString);
    }

    @LocalServerPort int port;
    @Autowired RuleSetService ruleSets;
    RestClient http;

    @BeforeEach
    void setUp() {
        http = TestUsers.admin(port).defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @AfterEach
    void restore() {
        RulesFolderCopy.restore(RULES, "miners.drl");
    }

    @Test
    void aRollbackSurvivesARestartUntilTheRulesFolderChangesAgain() throws IOException {
        int before = activeVersion();
        renamePauseRule("Battery low: pause running miners");
        assertThat(post("/engine/rules/activate").get("version").asInt()).isEqualTo(before + 1);
        assertThat(liveMiners()).contains("Battery low: pause running miners");

        assertThat(post("/engine/rules/versions/" + before + "/rollback").get("version").asInt()).isEqualTo(before + 2);
        assertThat(liveMiners()).contains(PAUSE_RULE);

        ruleSets.start(); // what a restart does; the folder still holds the edit rolled away from
        assertThat(activeVersion()).isEqualTo(before + 2);
        assertThat(liveMiners()).contains(PAUSE_RULE).doesNotContain("Battery low");

        renamePauseRule("Battery very low: pause running miners"); // a new edit in git, then a restart
        ruleSets.start();
        assertThat(activeVersion()).isEqualTo(before + 3);
        assertThat(http.get().uri("/engine/rules/versions").retrieve().body(JsonNode.class).get(0)
                .get("source").asString()).isEqualTo("startup");
        assertThat(liveMiners()).contains("Battery very low: pause running miners");
    }

    @Test
    void changedRulesThatFailTheSafetyGateDoNotGoLiveOnRestart() throws IOException {
        int before = activeVersion();
        Files.writeString(RULES.resolve("miners.drl"), TestRules.RESUME_AT_ANY_CHARGE);

        ruleSets.start();

        assertThat(activeVersion()).isEqualTo(before);
        assertThat(liveMiners()).doesNotContain("Resume miners at any charge");
    }

    private void renamePauseRule(String name) throws IOException {
        Path miners = RULES.resolve("miners.drl");
        Files.writeString(miners, Files.readString(Path.of("rules/miners.drl")).replace(PAUSE_RULE, name));
    }

    private JsonNode post(String uri) {
        return http.post().uri(uri).contentType(MediaType.APPLICATION_JSON).body(Map.of()).retrieve()
                .body(JsonNode.class);
    }

    private int activeVersion() {
        return http.get().uri("/engine/rules").retrieve().body(JsonNode.class).get("version").asInt();
    }

    /** miners.drl as the live session runs it. */
    private String liveMiners() {
        for (JsonNode file : http.get().uri("/engine/rules").retrieve().body(JsonNode.class).get("files")) {
            if (file.get("name").asString().equals("miners.drl")) {
                return file.get("content").asString();
            }
        }
        throw new AssertionError("no miners.drl in the live rules");
    }
}
