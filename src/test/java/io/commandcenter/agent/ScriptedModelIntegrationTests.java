package io.commandcenter.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import dev.langchain4j.agent.tool.ToolExecutionRequest;
import dev.langchain4j.data.message.AiMessage;
import dev.langchain4j.data.message.ChatMessage;
import dev.langchain4j.data.message.ToolExecutionResultMessage;
import dev.langchain4j.model.chat.ChatModel;
import io.commandcenter.IntegrationTest;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingWriter;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** The real LangChain4j tool loop runs end to end; only the model's replies are scripted. */
@IntegrationTest
@Import(ScriptedModelIntegrationTests.Model.class)
class ScriptedModelIntegrationTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class Model {
        @Bean
        ChatModel scriptedChatModel() {
            return new ScriptedChatModel();
        }
    }

    @Autowired AgentService agents;
    @Autowired ChatModel model;
    @Autowired ReadingWriter writer;
    @Autowired JdbcClient jdbc;

    ScriptedChatModel scripted;

    @BeforeEach
    void setUp() {
        AgentTables.truncate(jdbc);
        scripted = (ScriptedChatModel) model;
        scripted.script.clear();
        scripted.requests.clear();
    }

    @Test
    void theModelCallsToolsWithLiveFiguresAndASuggestionOnlyWaitsForAPerson() {
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        writer.storeBattery(List.of(new BatteryReading("home", now.minusSeconds(20), 81.0, 54.0, 20.0, null)));
        writer.storeDevices(List.of(new DevicePowerReading("miner-1", now.minusSeconds(20), true, false, 0.0, 230.0, 0.0, null)));
        scripted.script.add(AiMessage.from(tool("1", "get_cerbo_battery_status", "{}")));
        scripted.script.add(AiMessage.from(tool("2", "suggest_device_action",
                "{\"device\":\"miner-1\",\"on\":true,\"why\":\"battery at 81%\"}")));
        scripted.script.add(AiMessage.from("The battery is at 81%; I suggested switching miner-1 on for your approval."));
        List<String> progress = new ArrayList<>();

        ChatAnswer answer = agents.ask("is there enough charge to run miner-1?", Requester.operator("olga"), progress::add);

        assertThat(answer.offline()).isFalse();
        assertThat(answer.answer()).startsWith("The battery is at 81%");
        assertThat(answer.toolsCalled()).extracting(ToolCall::tool)
                .containsExactly("get_cerbo_battery_status", "suggest_device_action");
        assertThat(answer.inputTokens()).isEqualTo(300);
        assertThat(answer.outputTokens()).isEqualTo(60);
        assertThat(progress).contains("Reading the Cerbo GX battery monitor (VRM)…", "Creating a pending action for approval…");
        // The model saw the real figure from PostgreSQL as the tool's result.
        List<ChatMessage> second = scripted.requests.get(1).messages();
        assertThat(second).filteredOn(m -> m instanceof ToolExecutionResultMessage).singleElement()
                .satisfies(m -> assertThat(((ToolExecutionResultMessage) m).text()).contains("81.0% state of charge"));
        // The suggestion waits for a person: a pending action exists, nothing was executed.
        assertThat(answer.suggestedAction().state()).isEqualTo("PENDING_APPROVAL");
        assertThat(jdbc.sql("SELECT state FROM approval.pending_actions WHERE id = :id")
                .param("id", java.util.UUID.fromString(answer.suggestedAction().actionId())).query(String.class).single())
                .isEqualTo("PENDING");
        assertThat(jdbc.sql("SELECT count(*) FROM control.action_log").query(Long.class).single()).isZero();
        assertThat(agents.conversations(5)).first().satisfies(c -> {
            assertThat(c.offline()).isFalse();
            assertThat(c.inputTokens()).isEqualTo(300);
            assertThat(c.suggestedAction()).isEqualTo("miner-1 on (PENDING_APPROVAL)");
        });
    }

    @Test
    void theModelGetsTheDryRunToolAndItsFigures() {
        scripted.script.add(AiMessage.from(tool("1", "simulate_preference_change", "{\"changes\":\"pauseMinersBelow=60\"}")));
        scripted.script.add(AiMessage.from("Pausing at 60% keeps the battery higher."));

        ChatAnswer answer = agents.ask("what would happen if I set the miner pause threshold to 60%?", Requester.readOnly("vera"), line -> { });

        assertThat(answer.agent()).isEqualTo("EnergyOrchestrator");
        assertThat(answer.toolsCalled()).containsExactly(new ToolCall("simulate_preference_change", "pauseMinersBelow=60"));
        List<ChatMessage> second = scripted.requests.get(1).messages();
        assertThat(second).filteredOn(m -> m instanceof ToolExecutionResultMessage).singleElement()
                .satisfies(m -> assertThat(((ToolExecutionResultMessage) m).text())
                        .contains("Dry run in test mode", "- Miner pauses: ", "- Lowest battery charge: "));
        assertThat(scripted.requests.get(0).toolSpecifications()).extracting(t -> t.name())
                .contains("simulate_preference_change");
    }

    private static ToolExecutionRequest tool(String id, String name, String arguments) {
        return ToolExecutionRequest.builder().id(id).name(name).arguments(arguments).build();
    }
}
