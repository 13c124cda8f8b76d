package io.commandcenter.agent;

import java.util.List;
import java.util.UUID;

/**
 * The answer to one question.
 *
 * @param conversationId  stored conversation id
 * @param agent           which agent answered: SolarController or EnergyOrchestrator
 * @param askedAgent      who the question was put to: manager (routes it), solar-controller or energy-orchestrator
 * @param answer          plain-words answer with the figures and rules behind it
 * @param citations       knowledge-base sources as "document § section"
 * @param toolsCalled     tools in call order
 * @param durationMs      wall time
 * @param inputTokens     model tokens in, null offline
 * @param outputTokens    model tokens out, null offline
 * @param suggestedAction the pending action created, null when none
 * @param offline         true when the deterministic router answered (no model configured)
 */
public record ChatAnswer(UUID conversationId, String agent, String askedAgent, String answer, List<String> citations,
                         List<ToolCall> toolsCalled, long durationMs, Integer inputTokens, Integer outputTokens,
                         ActionSuggestions.SuggestedAction suggestedAction, boolean offline) {
}
