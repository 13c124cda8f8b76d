package io.commandcenter.engine;

import java.util.ArrayList;
import java.util.List;

import io.commandcenter.engine.facts.IfThen;

/**
 * Conditions that automation outside the rule files (a workflow's wait or branch step) asks the sessions to watch.
 * They go in as an {@link IfThen} with no actions, so the same rules that test a builder rule's conditions
 * (rules/if-then.drl) conclude {@code IfThenHolds(name)} while every one of them holds, and nothing else happens.
 */
public record WatchedCondition(String name, List<IfThenRule.Condition> conditions) {

    public WatchedCondition {
        conditions = IfThenRule.copy(conditions);
    }

    List<Object> facts() {
        List<Object> facts = new ArrayList<>();
        facts.add(new IfThen(name, conditions.size(), 0, name));
        facts.addAll(IfThenRule.conditionFacts(name, conditions));
        return facts;
    }
}
