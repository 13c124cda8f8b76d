package io.commandcenter.engine.facts;

/**
 * Conclusion: the conditions of one or more decision-table rows hold now, e.g.
 * ‘surplus: when soc >= 80.0, pv >= 1500.0’. Each distinct set of conditions of a table is tested
 * by one rule and its rows match this fact, so readings are tested once per set and a row re-runs
 * only when its conditions start or stop holding.
 */
public record TableCondition(String name) {
}
