package io.commandcenter.engine.facts;

import java.util.UUID;

import io.commandcenter.engine.Decision.Outcome;

/** Conclusion: the outcome for a request. */
public record Verdict(UUID requestId, Outcome outcome) implements RequestConclusion {
}
