/**
 * Multi-step workflows: steps that run one after another ("water heater off → wait 10 min → if the battery is
 * below 40 % pause the miners, else notify me → at 06:00 resume them"), started at a daily time or by hand. Every
 * step goes through the rules engine ({@link io.commandcenter.engine.RulesEngine#automate}): a switch is a wish the
 * safety rules, holds, cooldowns, STOP and approvals judge; a wait or a branch tests the if/then builder's
 * conditions by the same rules. {@link io.commandcenter.workflow.WorkflowRunner} moves runs along the same way live
 * and in dry runs. Runs and their steps are stored; a restart resumes them; STOP halts them. See docs/automation.md.
 */
package io.commandcenter.workflow;
