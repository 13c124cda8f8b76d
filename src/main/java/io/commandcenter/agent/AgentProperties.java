package io.commandcenter.agent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param openai any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, LM Studio); no base URL = offline router
 * @param kb     where the site documents live
 */
@ConfigurationProperties("commandcenter.agent")
record AgentProperties(@DefaultValue OpenAi openai, @DefaultValue Kb kb) {

    record OpenAi(String baseUrl, String model, String apiKey) {
        boolean configured() {
            return baseUrl != null && !baseUrl.isBlank() && model != null && !model.isBlank();
        }
    }

    /** @param dir folder of markdown documents; the copy inside the jar is used when it is missing */
    record Kb(@DefaultValue("docs/kb") String dir) {
    }
}
