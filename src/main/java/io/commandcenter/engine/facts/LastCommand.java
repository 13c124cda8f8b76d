package io.commandcenter.engine.facts;

import io.commandcenter.engine.Source;

/**
 * The latest allowed command per device. {@code holdUntil} is 0 unless a manual command holds
 * the device against lower-priority sources.
 */
public record LastCommand(String device, boolean on, Source source, String requestedBy, long at, long holdUntil) {
}
