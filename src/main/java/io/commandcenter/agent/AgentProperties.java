package io.commandcenter.agent;

import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * @param provider  which model to use: "openai" (any OpenAI-compatible endpoint) or "anthropic";
 *                  blank = OpenAI-compatible when it is configured, else the offline router
 * @param openai    any OpenAI-compatible endpoint (OpenAI, Ollama, vLLM, LM Studio); no base URL = offline router
 * @param anthropic Anthropic's Messages API; no API key or model = offline router
 * @param kb        where the site documents live
 * @param dryRun    the scenario preference dry runs are simulated on
 */
@ConfigurationProperties("commandcenter.agent")
@Validated
record AgentProperties(
        // As ChatModels reads it: blank, or either name in any case.
        @Pattern(regexp = "(?i)\\s*(openai|anthropic)?\\s*", message = "must be openai, anthropic or blank")
        String provider,
        @DefaultValue @NotNull @Valid OpenAi openai, @DefaultValue @NotNull @Valid Anthropic anthropic,
        @DefaultValue @NotNull @Valid Kb kb, @DefaultValue @NotNull @Valid DryRun dryRun) {

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
    record Kb(@DefaultValue("docs/kb") @NotBlank String dir) {
    }

    /** @param scenario a file in {@code simulation/scenarios/}, unless the question names another */
    record DryRun(@DefaultValue("summer-week.yaml") @NotBlank String scenario) {
    }
}
