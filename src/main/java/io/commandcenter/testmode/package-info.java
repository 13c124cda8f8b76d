/**
 * Test mode: runs the production rule set (same build, same {@code EngineSession} code path) in a
 * separate session under a pseudo clock, never touching hardware. Closed-loop simulation over the
 * {@link io.commandcenter.sitemodel.SiteModel}, replay of recorded readings with a decision diff, shadow mode beside
 * the live engine, the {@code simulate} command, the {@code /simulations} REST API, reports
 * (JSON and self-contained HTML) and the scenario safety gate for rule-set activation.
 */
package io.commandcenter.testmode;
