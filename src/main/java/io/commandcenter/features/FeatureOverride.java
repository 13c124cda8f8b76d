package io.commandcenter.features;

import java.time.Instant;

/** An admin's override of a flag's default: what it is set to, by whom, when and why. */
public record FeatureOverride(boolean enabled, String by, Instant at, String reason) {
}
