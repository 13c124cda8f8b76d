package io.commandcenter.agent;

import java.util.Locale;

import dev.langchain4j.model.anthropic.AnthropicChatModel;
import dev.langchain4j.model.chat.ChatModel;
import dev.langchain4j.model.openai.OpenAiChatModel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Builds the configured chat model, or none (offline router). Building never touches the network. */
final class ChatModels {

    private static final Logger log = LoggerFactory.getLogger(ChatModels.class);

    private ChatModels() {
    }

    /** @return the model, or null when none is configured */
    static ChatModel fromProperties(AgentProperties properties) {
        String provider = properties.provider() == null ? "" : properties.provider().strip().toLowerCase(Locale.ROOT);
        return switch (provider) {
            case "anthropic" -> anthropic(properties.anthropic());
            case "openai", "" -> openAi(properties.openai(), !provider.isEmpty());
            default -> throw new IllegalStateException("commandcenter.agent.provider must be openai or anthropic (was '"
                    + properties.provider() + "')");
        };
    }

    private static ChatModel openAi(AgentProperties.OpenAi openai, boolean asked) {
        if (openai == null || !openai.configured()) {
            if (asked) {
                log.warn("Agents: provider openai needs commandcenter.agent.openai.base-url and model; using the offline router");
            }
            return null;
        }
        log.info("Agents: OpenAI-compatible model {} at {}", openai.model(), openai.baseUrl());
        return OpenAiChatModel.builder()
                .baseUrl(openai.baseUrl())
                .modelName(openai.model())
                // Ollama and LM Studio ignore the key but the client wants one.
                .apiKey(openai.apiKey() == null || openai.apiKey().isBlank() ? "none" : openai.apiKey())
                .build();
    }

    private static ChatModel anthropic(AgentProperties.Anthropic anthropic) {
        if (anthropic == null || !anthropic.configured()) {
            log.warn("Agents: provider anthropic needs commandcenter.agent.anthropic.api-key and model; using the offline router");
            return null;
        }
        log.info("Agents: Anthropic model {}", anthropic.model());
        AnthropicChatModel.AnthropicChatModelBuilder builder = AnthropicChatModel.builder()
                .apiKey(anthropic.apiKey())
                .modelName(anthropic.model());
        if (anthropic.baseUrl() != null && !anthropic.baseUrl().isBlank()) {
            builder.baseUrl(anthropic.baseUrl());
        }
        return builder.build();
    }
}
