package io.commandcenter.engine;

import java.time.Instant;

/**
 * An if/then rule's conditions started holding and it tells the owner; notifications send it by the owner's
 * settings, in quiet hours only when {@code critical}.
 */
public record IfThenNotifies(String site, String rule, String message, boolean critical, Instant at) {
}
