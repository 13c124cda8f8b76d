package io.commandcenter.engine.facts;

/**
 * An owner's if/then rule in the session (rules/if-then.drl): its name, how many conditions it has, how long they
 * must hold, and the rule as a sentence for explanations.
 */
public record IfThen(String rule, long conditions, long sustainedMillis, String inWords) implements OwnersRule {

    @Override
    public String explainedAs() {
        return rule;
    }
}
