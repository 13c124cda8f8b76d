package io.commandcenter.engine.facts;

/** Conclusion: every condition of if/then rule {@code rule} holds now. */
public record IfThenHolds(String rule) {
}
