package io.commandcenter.engine;

import java.util.List;

import io.commandcenter.engine.facts.SiteSettings;

/**
 * A check a rule set must pass before activation makes it live (test mode's scenario safety gate
 * implements it). Every gate bean is asked; any refusal stops the activation.
 */
public interface ActivationGate {

    /** Why {@code candidate} must not go live with {@code settings}, one line per reason; empty when it may. */
    List<String> refusals(RuleSet candidate, SiteSettings settings);
}
