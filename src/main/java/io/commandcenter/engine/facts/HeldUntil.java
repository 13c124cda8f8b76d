package io.commandcenter.engine.facts;

import java.util.UUID;

/** Conclusion: a blocked request's device is held by a command until {@code until} (epoch millis), shown in its decision. */
public record HeldUntil(UUID requestId, long until) implements RequestConclusion {
}
