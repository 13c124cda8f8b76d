package io.commandcenter.agent;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * @param provider  which model to use: "openai" (any OpenAI-compatible endpoint) or "anthropic";
 *                  blank = OpenAI-compatible when it is configured, else the offline router
 * @param openai    any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, LM Studio); no base URL = offline router
 * @param anthropic Anthropic's Messages API; no API key or model = offline router
 * @param kb        where the site documents live
 * @param dryRun    the scenario preference dry runs are simulated on
 */
@ConfigurationProperties("commandcenter.agent")
record AgentProperties(String provider, @DefaultValue OpenAi openai, @DefaultValue Anthropic anthropic,
                       @DefaultValue Kb kb, @DefaultValue DryRun dryRun) {

    record OpenAi(String baseUrl, String model, String apiKey) {
        boolean configured() {
            return baseUrl != null && !baseUrl.isBlank() && model != null && !model.isBlank();
        }
    }

    /** @param baseUrl blank = Anthropic's own endpoint */
    record Anthropic(String apiKey, String model, String baseUrl) {
        boolean configured() {
            return apiKey != null && !apiKey.isBlank() && model != null && !model.isBlank();
        }
    }

    /** @param dir folder of markdown documents; the copy inside the jar is used when it is missing */
    record Kb(@DefaultValue("docs/kb") String dir) {
    }

    /** @param scenario a file in {@code simulation/scenarios/}, unless the question names another */
    record DryRun(@DefaultValue("summer-week.yaml") String scenario) {
    }
}
