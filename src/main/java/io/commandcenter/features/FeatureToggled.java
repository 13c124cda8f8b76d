package io.commandcenter.features;

import java.time.Instant;

/**
 * An admin set or cleared a flag's override. Published in the transaction that stores it; listeners that act on it
 * listen after commit. Published for every change, also one that leaves the flag as it was ({@link #changed()}).
 *
 * @param enabled     in force after the change
 * @param wasEnabled  in force before
 * @param overridden  whether an override stands after the change (false: back to the default)
 */
public record FeatureToggled(Feature feature, boolean enabled, boolean wasEnabled, boolean overridden, String by,
                             String reason, Instant at) {

    /** Whether the flag in force changed (an override equal to the default changes nothing that runs). */
    public boolean changed() {
        return enabled != wasEnabled;
    }
}
