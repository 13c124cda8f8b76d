package io.commandcenter.engine.facts;

import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * A battery reading as an event, kept 15 minutes like the other readings; then it expires and
 * memory stays flat. ("Below X for N minutes" remembers the first reading below instead of looking
 * back; a rule file that needs a longer history can say {@code declare BatteryLevel @expires(2h) end}.)
 *
 * @param at  epoch millis when measured
 * @param soc state of charge, percent
 */
@Role(Role.Type.EVENT)
@Timestamp("at")
@Expires("15m")
public record BatteryLevel(String site, long at, double soc) {
}
