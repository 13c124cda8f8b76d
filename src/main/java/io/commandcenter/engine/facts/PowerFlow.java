package io.commandcenter.engine.facts;

import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * An inverter reading as an event, in watts: panels, house load, grid (positive = import).
 */
@Role(Role.Type.EVENT)
@Timestamp("at")
@Expires("15m")
public record PowerFlow(String site, long at, double pv, double load, double grid) {
}
