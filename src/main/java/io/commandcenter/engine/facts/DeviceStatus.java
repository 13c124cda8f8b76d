package io.commandcenter.engine.facts;

import io.commandcenter.device.DeviceType;

/**
 * What the engine knows about a relay now: its type and rated watts from the registry and its
 * latest reading. {@code on} is false when unknown; {@code at} is when this state was first seen
 * (the engine replaces the fact only when the state changes).
 */
public record DeviceStatus(String device, DeviceType type, double ratedPower, boolean online, boolean on,
                           long at) {
}
