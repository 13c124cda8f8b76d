package io.commandcenter.engine.facts;

import io.commandcenter.device.DeviceType;

/** One action of an if/then rule: SWITCH a device or every device of a type, SET_MODE, or NOTIFY. */
public record ThenAction(String rule, String does, String device, DeviceType deviceType, boolean on, String mode,
                         String message, boolean critical, long cooldownMillis) {
}
