package io.commandcenter.engine.facts;

import java.util.UUID;

/** Conclusion: an allowed manual command holds its device until {@code until} (epoch millis). */
public record HoldGranted(UUID requestId, long until) implements RequestConclusion {
}
