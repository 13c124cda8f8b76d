package io.commandcenter.engine;

import java.time.Instant;

/** A switch to a site mode: which, when, who made it and why. */
public record SiteModeSwitch(String mode, Instant at, String by, String reason) {
}
