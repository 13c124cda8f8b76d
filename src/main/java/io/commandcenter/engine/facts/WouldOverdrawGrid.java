package io.commandcenter.engine.facts;

import java.util.UUID;

/** Conclusion: switching the request's load on would import more than the limit, in watts. */
public record WouldOverdrawGrid(UUID requestId, double projectedImport, double limit) implements RequestConclusion {
}
