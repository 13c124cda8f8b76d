package io.commandcenter.engine.facts;

/** Conclusion: state of charge is below the owner's minimum. */
public record BatteryBelowMinimum() implements Situation {
}
