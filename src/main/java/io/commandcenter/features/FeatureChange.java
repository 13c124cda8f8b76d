package io.commandcenter.features;

import java.time.Instant;

/**
 * One change of a flag, as kept in the audit: an override set ({@code override} true or false) or cleared
 * ({@code override} null: back to the default).
 *
 * @param wasEnabled in force before the change
 * @param enabled    in force after it
 */
public record FeatureChange(long id, Feature feature, Boolean override, boolean wasEnabled, boolean enabled,
                            String by, Instant at, String reason) {
}
