package io.commandcenter.engine.facts;

/** Conclusion: no battery reading yet, so nobody knows the state of charge. */
public record BatteryUnknown() implements Situation {
}
