package io.commandcenter.engine.facts;

import java.util.UUID;

/** Conclusion: a person must say yes before this request runs, and why. */
public record ApprovalNeeded(UUID requestId, String why) implements RequestConclusion {
}
