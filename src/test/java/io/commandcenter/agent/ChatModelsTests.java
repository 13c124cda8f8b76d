package io.commandcenter.agent;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.junit.jupiter.api.Test;

/** Building a model is configuration only: none of these reach the network. */
class ChatModelsTests {

    static AgentProperties properties(String provider, AgentProperties.OpenAi openai, AgentProperties.Anthropic anthropic) {
        return new AgentProperties(provider, openai, anthropic, new AgentProperties.Kb("docs/kb"),
                new AgentProperties.DryRun("summer-week.yaml"));
    }

    static final AgentProperties.OpenAi NO_OPENAI = new AgentProperties.OpenAi(null, null, null);
    static final AgentProperties.Anthropic NO_ANTHROPIC = new AgentProperties.Anthropic(null, null, null);

    @Test
    void nothingConfiguredMeansTheOfflineRouter() {
        assertThat(ChatModels.fromProperties(properties(null, NO_OPENAI, NO_ANTHROPIC))).isNull();
    }

    @Test
    void anOpenAiBaseUrlAndModelBuildAnOpenAiModelWithoutNamingTheProvider() {
        var openai = new AgentProperties.OpenAi("http://localhost:11434/v1", "llama3.1", null);

        assertThat(ChatModels.fromProperties(properties("", openai, NO_ANTHROPIC))).isInstanceOf(OpenAiChatModel.class);
    }

    @Test
    void theAnthropicProviderBuildsAnAnthropicModel() {
        var anthropic = new AgentProperties.Anthropic("test-key", "claude-sonnet-4-5", "http://localhost:9/v1/");
        var openai = new AgentProperties.OpenAi("http://localhost:11434/v1", "llama3.1", null);

        assertThat(ChatModels.fromProperties(properties("anthropic", openai, anthropic)))
                .isInstanceOf(AnthropicChatModel.class);
        assertThat(ChatModels.fromProperties(properties("Anthropic", NO_OPENAI,
                new AgentProperties.Anthropic("test-key", "claude-sonnet-4-5", null)))).isInstanceOf(AnthropicChatModel.class);
    }

    @Test
    void theAnthropicProviderWithoutAKeyFallsBackToTheOfflineRouter() {
        assertThat(ChatModels.fromProperties(properties("anthropic", NO_OPENAI,
                new AgentProperties.Anthropic("", "claude-sonnet-4-5", null)))).isNull();
    }

    @Test
    void anUnknownProviderIsAConfigurationError() {
        assertThatThrownBy(() -> ChatModels.fromProperties(properties("gemini", NO_OPENAI, NO_ANTHROPIC)))
                .hasMessageContaining("openai or anthropic");
    }
}
