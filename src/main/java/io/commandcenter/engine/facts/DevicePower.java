package io.commandcenter.engine.facts;

import org.kie.api.definition.type.Expires;
import org.kie.api.definition.type.Role;
import org.kie.api.definition.type.Timestamp;

/**
 * A relay reading as an event; {@code on} and {@code watts} are null when the device is offline.
 */
@Role(Role.Type.EVENT)
@Timestamp("at")
@Expires("15m")
public record DevicePower(String device, long at, boolean online, Boolean on, Double watts) {
}
