package io.commandcenter.engine;

/**
 * One DRL source of a rule set: a file from {@code rules/} ("safety.drl") or one an admin submitted.
 * Decision tables are not DRL: their rows are facts ({@link DecisionTable#rules()}).
 */
public record RuleFile(String name, String content) {

    public static RuleFile file(String name, String content) {
        return new RuleFile(name, content);
    }
}
