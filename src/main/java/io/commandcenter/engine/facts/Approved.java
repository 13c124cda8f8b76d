package io.commandcenter.engine.facts;

import java.util.UUID;

/** A person said yes to a request that waited: judged again, it no longer waits (decisions.drl). */
public record Approved(UUID requestId, String by) {
}
