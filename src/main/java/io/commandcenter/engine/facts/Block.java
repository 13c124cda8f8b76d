package io.commandcenter.engine.facts;

import java.util.UUID;

/** Conclusion: an objection against a request, in words shown to the owner. */
public record Block(UUID requestId, String reason) implements RequestConclusion {
}
