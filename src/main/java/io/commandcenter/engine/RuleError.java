package io.commandcenter.engine;

import org.kie.api.runtime.rule.ConsequenceException;

/**
 * What went wrong when a rule set failed at run time, in words an admin can act on: the rule whose
 * consequence threw (when Drools says which) and the innermost error, e.g.
 * {@code rule 'Charge per running miner' threw ArithmeticException: / by zero}.
 *
 * @param rule  the failing rule, null when the failure was not in a consequence
 * @param error the innermost exception's type and first message line
 */
public record RuleError(String rule, String error) {

    public static RuleError of(Throwable failure) {
        String rule = null;
        Throwable root = failure;
        for (Throwable c = failure; c != null; c = c.getCause() == c ? null : c.getCause()) {
            if (rule == null && c instanceof ConsequenceException ce && ce.getRule() != null) {
                rule = ce.getRule().getName();
            }
            root = c;
        }
        // A ConsequenceException's own message lists every fact of the match: only its type is worth showing.
        String message = root instanceof ConsequenceException ? null : root.getMessage();
        return new RuleError(rule, root.getClass().getSimpleName() + (message == null ? "" : ": " + firstLine(message)));
    }

    public String describe() {
        return (rule == null ? "the rules failed: " : "rule '" + rule + "' threw ") + error;
    }

    private static String firstLine(String text) {
        int nl = text.indexOf('\n');
        String line = nl < 0 ? text : text.substring(0, nl);
        return line.length() > 300 ? line.substring(0, 300) + "…" : line;
    }
}
