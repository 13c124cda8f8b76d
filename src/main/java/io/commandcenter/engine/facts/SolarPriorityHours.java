package io.commandcenter.engine.facts;

/** Conclusion: it is solar priority time; automation may not import from the grid. */
public record SolarPriorityHours() implements Situation {
}
