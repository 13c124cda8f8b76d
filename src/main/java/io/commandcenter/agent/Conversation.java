package io.commandcenter.agent;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A stored question and its answer, for the history list and export. */
public record Conversation(UUID id, Instant askedAt, String question, String agent, String answer,
                           List<String> toolsCalled, List<String> citations, boolean offline, long durationMs,
                           Integer inputTokens, Integer outputTokens, String suggestedAction) {

    String toMarkdown() {
        StringBuilder md = new StringBuilder();
        md.append("# Conversation ").append(id).append("\n\n");
        md.append("- Asked: ").append(askedAt).append("\n- Agent: ").append(agent)
                .append(offline ? " (offline mode)" : "").append("\n- Duration: ").append(durationMs).append(" ms\n");
        md.append("- Tools: ").append(toolsCalled.isEmpty() ? "none" : String.join(", ", toolsCalled)).append('\n');
        if (inputTokens != null) {
            md.append("- Tokens: ").append(inputTokens).append(" in, ").append(outputTokens).append(" out\n");
        }
        if (suggestedAction != null) {
            md.append("- Suggested action: ").append(suggestedAction).append('\n');
        }
        md.append("\n## Question\n\n").append(question).append("\n\n## Answer\n\n").append(answer).append('\n');
        if (!citations.isEmpty()) {
            md.append("\n## Sources\n\n");
            citations.forEach(c -> md.append("- ").append(c).append('\n'));
        }
        return md.toString();
    }
}
