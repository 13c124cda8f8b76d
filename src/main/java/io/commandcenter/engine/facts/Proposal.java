package io.commandcenter.engine.facts;

import java.util.UUID;

import io.commandcenter.engine.Source;

/**
 * A candidate desired state for a device with its rank (3 manual, 2 automation, 1 agent,
 * 0 = a past command no longer held). {@code requestId} is null for a remembered command.
 */
public record Proposal(String device, boolean on, Source source, int rank, long at, UUID requestId) {

    /** Tells apart two proposals of the same rank and moment (rules/priority.drl): a remembered command sorts first. */
    public String tieBreak() {
        return requestId == null ? "" : requestId.toString();
    }
}
