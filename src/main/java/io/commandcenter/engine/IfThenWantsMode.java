package io.commandcenter.engine;

import java.time.Instant;

/** An if/then rule's conditions started holding and it wants the site mode switched (the site modes carry it out). */
public record IfThenWantsMode(String site, String rule, String mode, Instant at) {
}
