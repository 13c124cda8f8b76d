package io.commandcenter.engine.facts;

/** Conclusion: state of charge is at or below the critical level. */
public record BatteryCritical() implements Situation {
}
