package io.commandcenter.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.RulesEngine;
import io.commandcenter.engine.Source;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.ReadingWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** A newcomer with no model configured asks through the REST API and gets answers with the data behind them. */
@IntegrationTest
class AgentChatIntegrationTests {

    @LocalServerPort int port;
    @Autowired ReadingWriter writer;
    @Autowired RulesEngine engine;
    @Autowired JdbcClient jdbc;
    @Autowired io.commandcenter.web.UserAccounts accounts;

    RestClient http;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void setUp() {
        AgentTables.truncate(jdbc);
        http = io.commandcenter.TestUsers.as(port, io.commandcenter.TestUsers.ADMIN, io.commandcenter.TestUsers.ADMIN_PASSWORD)
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
    }

    @Test
    @SuppressWarnings("unchecked")
    void answersTheBatteryQuestionOfflineAndStoresTheConversation() {
        writer.storeBattery(List.of(new BatteryReading("home", now.minusSeconds(30), 77.0, 53.0, 12.0, null)));

        Map<String, Object> answer = ask("what is the battery at?");

        assertThat(answer.get("offline")).isEqualTo(true);
        assertThat(answer.get("agent")).isEqualTo("SolarController");
        assertThat((String) answer.get("answer")).startsWith("Offline mode").contains("77.0% state of charge", "charging");
        assertThat((List<Map<String, Object>>) answer.get("toolsCalled")).extracting(t -> t.get("tool"))
                .containsExactly("get_cerbo_battery_status");

        List<Map<String, Object>> stored = http.get().uri("/agents/conversations").retrieve().body(List.class);
        assertThat(stored).singleElement().satisfies(c -> {
            assertThat(c.get("question")).isEqualTo("what is the battery at?");
            assertThat((List<String>) c.get("toolsCalled")).containsExactly("get_cerbo_battery_status");
        });
        String markdown = http.get().uri("/agents/conversations/{id}.md", answer.get("conversationId")).retrieve().body(String.class);
        assertThat(markdown).contains("## Question", "what is the battery at?", "77.0% state of charge", "offline mode");
    }

    @Test
    void explainsWhyAMinerStoppedWithTheRulesAndTheBattery() {
        writer.storeBattery(List.of(new BatteryReading("home", now.minusSeconds(30), 6.0, 46.5, -15.0, null)));
        Decision decision = engine.evaluate(ActionRequest.of("miner-1", true, Source.MANUAL, "alice", "", Instant.now()));

        Map<String, Object> answer = ask("why did miner-1 stop?");

        String text = (String) answer.get("answer");
        assertThat(answer.get("agent")).isEqualTo("EnergyOrchestrator");
        assertThat(text).contains("explain_decision", "miner-1 on → " + decision.outcome(), "6.0% state of charge");
        assertThat(decision.firedRules()).isNotEmpty();
        decision.firedRules().forEach(rule -> assertThat(text).contains(rule));
    }

    @Test
    void citesTheSiteDocumentsForAHowQuestion() {
        Map<String, Object> answer = ask("when should I use the emergency stop?");

        assertThat((List<String>) answer.get("citations")).first().asString().startsWith("safety-checklist.md § ");
    }

    @Test
    void streamsProgressThenTheAnswerOverServerSentEvents() {
        String stream = http.post().uri("/agents/chat").accept(MediaType.TEXT_EVENT_STREAM)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("question", "how much is the solar producing?"))
                .retrieve().body(String.class);

        assertThat(stream).contains("event:progress", "Manager: routing to SolarController", "Reading the SolArk inverter",
                "event:answer", "\"offline\":true");
        assertThat(stream.indexOf("event:progress")).isLessThan(stream.indexOf("event:answer"));
    }

    @Test
    void refusesAnEmptyQuestionAsAProblem() {
        var response = http.post().uri("/agents/chat").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("question", " ")).retrieve().toEntity(Map.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
    }

    @Test
    @SuppressWarnings("unchecked")
    void aChosenAgentAnswersItselfAndSaysSoWhenAQuestionIsOutsideItsTools() {
        writer.storeBattery(List.of(new BatteryReading("home", now.minusSeconds(30), 55.0, 51.0, 2.0, null)));

        Map<String, Object> status = ask("what is the battery at?", "solar-controller");
        Map<String, Object> outside = ask("why did miner-1 stop?", "solar-controller");
        Map<String, Object> routed = ask("what is the battery at?", null);

        assertThat(status.get("agent")).isEqualTo("SolarController");
        assertThat(status.get("askedAgent")).isEqualTo("solar-controller");
        assertThat((String) status.get("answer")).contains("55.0% state of charge");
        assertThat(outside.get("agent")).isEqualTo("SolarController");
        assertThat((String) outside.get("answer")).contains("outside what the SolarController answers",
                "explain_decision", "ask the EnergyOrchestrator or the Manager");
        assertThat((List<?>) outside.get("toolsCalled")).isEmpty();
        assertThat(routed.get("askedAgent")).isEqualTo("manager");
        assertThat(routed.get("agent")).isEqualTo("SolarController");
    }

    @Test
    @SuppressWarnings("unchecked")
    void aViewersSwitchRequestIsAnsweredButNothingIsQueuedWhileAnOperatorsIs() {
        String viewer = io.commandcenter.TestUsers.ensure(accounts, "vera-viewer", io.commandcenter.web.Role.VIEWER);
        RestClient asViewer = io.commandcenter.TestUsers.as(port, viewer)
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();

        Map<String, Object> answer = asViewer.post().uri("/agents/chat").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("question", "switch the well-pump on")).retrieve().body(Map.class);

        assertThat((String) answer.get("answer")).contains("I would suggest to switch well-pump on",
                "only an operator or admin can ask for that: nothing was queued");
        assertThat((Map<String, Object>) answer.get("suggestedAction")).containsEntry("state", "NOT_QUEUED");
        assertThat(jdbc.sql("SELECT count(*) FROM approval.pending_actions").query(Long.class).single()).isZero();

        Map<String, Object> admin = ask("switch the well-pump on");
        assertThat((Map<String, Object>) admin.get("suggestedAction")).extractingByKey("state").isNotEqualTo("NOT_QUEUED");
        assertThat(jdbc.sql("SELECT requested_by FROM approval.pending_actions").query(String.class).list())
                .containsExactly(io.commandcenter.TestUsers.ADMIN);
    }

    @Test
    void refusesAnUnknownAgentAsAProblem() {
        var response = http.post().uri("/agents/chat").accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("question", "what is the battery at?", "agent", "janitor")).retrieve().toEntity(Map.class);

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat((String) response.getBody().get("type")).endsWith("unknown-agent");
        assertThat((String) response.getBody().get("detail")).contains("janitor", "solar-controller");
    }

    private Map<String, Object> ask(String question) {
        return ask(question, null);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> ask(String question, String agent) {
        Map<String, Object> body = new java.util.HashMap<>();
        body.put("question", question);
        if (agent != null) {
            body.put("agent", agent);
        }
        return http.post().uri("/agents/chat").accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().body(Map.class);
    }
}
