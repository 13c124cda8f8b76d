package io.commandcenter.engine.facts;

/**
 * A named situation the definitions derive from readings, the clock and the settings (battery
 * critical, quiet hours, ...). The marker lets one query list them all without a pattern on
 * {@code Object}, which every fact in the session would have to pass through.
 */
public interface Situation {
}
