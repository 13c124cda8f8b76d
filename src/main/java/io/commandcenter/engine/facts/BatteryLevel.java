package io.commandcenter.engine.facts;

import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * A battery reading as an event. Kept two hours so a "below X for N minutes" confirmation
 * (at most 60 minutes) can look back; then it expires and memory stays flat.
 *
 * @param at  epoch millis when measured
 * @param soc state of charge, percent
 */
@Role(Role.Type.EVENT)
@Timestamp("at")
@Expires("2h")
public record BatteryLevel(String site, long at, double soc) {
}
