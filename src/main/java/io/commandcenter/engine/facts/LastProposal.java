package io.commandcenter.engine.facts;

/** The latest automated proposal per device, allowed or not; it starts the device's cooldown. */
public record LastProposal(String device, boolean on, long at) {
}
