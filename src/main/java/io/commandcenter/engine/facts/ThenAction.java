package io.commandcenter.engine.facts;

import io.commandcenter.device.DeviceType;

/**
 * One action of an if/then rule: SWITCH a device or every device of a type, SET_MODE, or NOTIFY. A {@code preApproved}
 * switch was approved by the owner in advance: its requests do not wait for approval (rules/decisions.drl).
 */
public record ThenAction(String rule, String does, String device, DeviceType deviceType, boolean on, String mode,
                         String message, boolean critical, long cooldownMillis, boolean preApproved) {
}
