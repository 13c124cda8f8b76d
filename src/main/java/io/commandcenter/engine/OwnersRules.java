package io.commandcenter.engine;

import java.time.Duration;
import java.util.List;

/**
 * The owner's if/then rules for features that propose them (learning): a dry run before offering one, the scenario
 * safety gate's verdict, and saving one as the owner accepted it (checked and gated like a rule from the builder).
 */
public interface OwnersRules {

    /** What {@code rule} would have done over the last {@code window} of recorded readings; nothing is stored. */
    IfThenPreview.Preview preview(IfThenRule rule, Duration window);

    /** Why the scenario safety gate would refuse the live rules with {@code rule} added; empty when it would not. */
    List<String> gateRefusals(IfThenRule rule);

    /** Saves and activates {@code rule}, refused as a builder rule would be (400 on a field, the gate). */
    IfThenRule save(IfThenRule rule, String by);
}
