package io.commandcenter.testmode;

import java.time.Instant;

import io.commandcenter.engine.RuleError;

/**
 * The rule set itself failed while test mode ran it: a rule's consequence or condition threw. Such a rule
 * set would fail the live engine the same way, so the gate refuses it and a simulation run fails with this
 * message instead of a stack trace.
 */
public final class RuleSetFailure extends RuntimeException {

    private RuleSetFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /** {@code rule 'Pause miners' failed at 2026-12-02T01:04:00Z in scenario 'summer-week': ArithmeticException: / by zero}. */
    static RuleSetFailure of(Throwable error, Instant at, String where) {
        RuleError why = RuleError.of(error);
        return new RuleSetFailure((why.rule() == null ? "the rules failed" : "rule '" + why.rule() + "' failed") + " at "
                + Numbers.time(at) + " " + where + ": " + why.error(), error);
    }

    /** The innermost cause as "ArithmeticException: / by zero": what the rule actually did wrong. */
    static String rootCause(Throwable error) {
        return RuleError.of(error).error();
    }
}
