package io.commandcenter.engine.facts;

import io.commandcenter.device.DeviceType;

/**
 * What the engine knows about a relay now: its type, rated watts and essential flag from the
 * registry and its latest reading. {@code on} is null when unknown (offline, or not reported):
 * unknown is never taken for "off", so rules write {@code on == true} or {@code on == false}, and
 * the battery floor sheds a load unless it is known to be off. {@code at} is when this state was
 * first seen (the engine replaces the fact only when the state changes).
 */
public record DeviceStatus(String device, DeviceType type, double ratedPower, boolean online, Boolean on,
                           long at, boolean essential) {

    /** A device that is not essential (the registry default). */
    public DeviceStatus(String device, DeviceType type, double ratedPower, boolean online, Boolean on, long at) {
        this(device, type, ratedPower, online, on, at, false);
    }

    /** Known to be on; false when off or unknown. */
    public boolean knownOn() {
        return Boolean.TRUE.equals(on);
    }

    /** Known to be off; false when on or unknown. */
    public boolean knownOff() {
        return Boolean.FALSE.equals(on);
    }
}
