package io.commandcenter.engine.facts;

/** Conclusion: automation must leave the device alone until {@code until} (epoch millis). */
public record CoolingDown(String device, long until) {
}
