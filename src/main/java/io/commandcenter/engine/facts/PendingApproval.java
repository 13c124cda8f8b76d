package io.commandcenter.engine.facts;

import java.util.UUID;

import io.commandcenter.engine.Source;

/** A request waiting for a person's approval; other requests must not contradict it meanwhile. */
public record PendingApproval(UUID requestId, String device, boolean on, Source source) {
}
