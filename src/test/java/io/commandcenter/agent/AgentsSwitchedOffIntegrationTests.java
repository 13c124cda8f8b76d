package io.commandcenter.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureFlags;
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

/** With the AGENTS flag off the chat says the agents are switched off, as JSON and as a stream; nothing is asked. */
@IntegrationTest
class AgentsSwitchedOffIntegrationTests {

    @LocalServerPort int port;
    @Autowired FeatureFlags flags;
    @Autowired JdbcClient jdbc;

    RestClient http;

    @BeforeEach
    void agentsOff() {
        AgentTables.truncate(jdbc);
        http = TestUsers.admin(port).defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        flags.override(Feature.AGENTS, false, "admin", "no model this month");
    }

    @AfterEach
    void agentsAsConfigured() {
        if (flags.state(Feature.AGENTS).overridden()) {
            flags.reset(Feature.AGENTS, "admin", "test over");
        }
    }

    private ResponseEntity<JsonNode> ask(MediaType accept) {
        return http.post().uri("/agents/chat").contentType(MediaType.APPLICATION_JSON).accept(accept)
                .body(Map.of("question", "what is the battery at?")).retrieve().toEntity(JsonNode.class);
    }

    @Test
    void theChatAnswersThatTheAgentsAreSwitchedOff() {
        for (MediaType accept : new MediaType[] {MediaType.APPLICATION_JSON, MediaType.TEXT_EVENT_STREAM}) {
            ResponseEntity<JsonNode> refused = ask(accept);

            assertThat(refused.getStatusCode().value()).as(accept.toString()).isEqualTo(503);
            assertThat(refused.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(refused.getBody().path("type").asString()).endsWith("/agents-disabled");
            assertThat(refused.getBody().path("detail").asString()).contains("switched off", "AGENTS");
        }
        assertThat(jdbc.sql("SELECT count(*) FROM agent.conversations").query(Long.class).single())
                .as("nobody was asked").isZero();
        assertThat(http.get().uri("/agents/conversations").retrieve().toBodilessEntity().getStatusCode().value())
                .as("past conversations stay readable").isEqualTo(200);
        assertThat(http.get().uri("/chat").accept(MediaType.TEXT_HTML).retrieve().body(String.class))
                .contains("id=\"agents-off\"");
    }

    @Test
    void backOnTheyAnswerAgain() {
        flags.reset(Feature.AGENTS, "admin", "model is back");

        ResponseEntity<JsonNode> answer = ask(MediaType.APPLICATION_JSON);

        assertThat(answer.getStatusCode().value()).isEqualTo(200);
        assertThat(answer.getBody().path("answer").asString()).isNotBlank();
    }
}
