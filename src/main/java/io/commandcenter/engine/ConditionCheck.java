package io.commandcenter.engine;

import java.util.List;

import io.commandcenter.validation.InvalidParams;

/**
 * Checks conditions as the if/then builder does (ranges, unknown devices and modes, forecast windows, contradictions),
 * for features that keep conditions of their own (a workflow's wait or branch step).
 */
public interface ConditionCheck {

    /** Adds a problem per bad condition, each named under {@code field} ({@code steps[2].conditions[0].below}). */
    void check(InvalidParams problems, String field, List<IfThenRule.Condition> conditions);
}
