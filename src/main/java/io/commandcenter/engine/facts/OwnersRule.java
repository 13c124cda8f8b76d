package io.commandcenter.engine.facts;

/**
 * A fact that stands for a rule the owner made as data (a table row or its conditions, an if/then rule, a
 * schedule): generic rules marked {@code @explainAs} are named in explanations by the first such fact they matched.
 */
public interface OwnersRule {

    /** The name explanations give: "surplus / heat water", "if-then / evening shed", "schedule / heat water". */
    String explainedAs();
}
