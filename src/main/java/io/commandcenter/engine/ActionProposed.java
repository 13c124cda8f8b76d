package io.commandcenter.engine;

/**
 * Published after the rules proposed an automation action (miner pause/resume, a decision-table
 * row) and decided on it. The control pipeline carries out allowed ones; until it exists the
 * decision is only recorded.
 */
public record ActionProposed(ActionRequest request, Decision decision) {
}
