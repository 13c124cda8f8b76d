/**
 * The rules engine: every accepted reading enters a long-lived Drools session per site (one engine
 * thread owns them); the policy in the top-level {@code rules/} folder and the owner's decision
 * tables decide; decisions are stored with the rules behind them and automation decisions are
 * published as {@link io.commandcenter.engine.ActionProposed}. Others use {@link
 * io.commandcenter.engine.RulesEngine}; dry runs and the benchmark use {@link
 * io.commandcenter.engine.EngineSession} and {@link io.commandcenter.engine.RuleSetBuilder}
 * without Spring. See docs/rules.md.
 */
package io.commandcenter.engine;
