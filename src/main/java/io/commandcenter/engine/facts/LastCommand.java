package io.commandcenter.engine.facts;

import io.commandcenter.engine.Source;

/**
 * The latest allowed command per device. {@code holdUntil} is 0 unless a manual command holds
 * the device against lower-priority sources. {@code carriedOut} turns true with the first reading
 * that shows the device in the commanded state, so rules can tell a command the relay ignored from
 * a device somebody switched back afterwards, outside CommandCenter.
 */
public record LastCommand(String device, boolean on, Source source, String requestedBy, long at, long holdUntil,
                          boolean carriedOut) {

    public LastCommand asCarriedOut() {
        return new LastCommand(device, on, source, requestedBy, at, holdUntil, true);
    }
}
