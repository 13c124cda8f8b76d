package io.commandcenter.engine.facts;

/** The latest battery state of charge (percent); absent until the first reading. */
public record BatteryNow(double soc, long at) {
}
