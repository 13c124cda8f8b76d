package io.commandcenter.features;

/**
 * A flag's default worked out by the module it belongs to, for a flag whose {@code commandcenter.features.*}
 * property is not set: hardware control is on with the simulator and off on a real site, as
 * {@code commandcenter.control.hardware-enabled} says. The property, when set, wins.
 *
 * @param from where the default comes from, in words ("commandcenter.control.hardware-enabled", "on with the simulator")
 */
public record FeatureDefault(Feature feature, boolean enabled, String from) {
}
