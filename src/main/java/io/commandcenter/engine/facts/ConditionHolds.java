package io.commandcenter.engine.facts;

/** Conclusion: condition {@code index} of if/then rule {@code rule} holds now. */
public record ConditionHolds(String rule, int index) {
}
