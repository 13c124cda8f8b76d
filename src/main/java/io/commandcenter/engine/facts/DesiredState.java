package io.commandcenter.engine.facts;

import java.util.UUID;

import io.commandcenter.engine.Source;

/** Conclusion: the one winning state per device; {@code requestId} null when a past command wins. */
public record DesiredState(String device, boolean on, Source source, int rank, UUID requestId) {
}
