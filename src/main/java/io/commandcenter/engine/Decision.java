package io.commandcenter.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * What the rules concluded about one {@link ActionRequest}.
 *
 * @param requestId  the request's id
 * @param device     the device it targets
 * @param on         the state it asked for
 * @param source     who asked
 * @param requestedBy person, rule file or agent name
 * @param outcome    allowed, blocked or waiting for a person's approval
 * @param reasons    why it was blocked (empty when allowed)
 * @param firedRules names of the rules that led to the outcome, conclusions first
 * @param facts      snapshot of the facts those rules matched, by rule name
 * @param holdUntil  until when a manual command holds the device (allowed manual command), or until
 *                   when another command holds it (blocked by a hold); null otherwise
 * @param decidedAt  session time of the decision
 * @param ruleSetVersion the activated rule-set version that decided, 0 when not recorded
 */
public record Decision(UUID requestId, String device, boolean on, Source source, String requestedBy,
                       Outcome outcome, List<String> reasons, List<String> firedRules,
                       Map<String, List<String>> facts, Instant holdUntil, Instant decidedAt, int ruleSetVersion) {

    public enum Outcome {
        ALLOWED, BLOCKED, NEEDS_APPROVAL
    }

    public boolean allowed() {
        return outcome == Outcome.ALLOWED;
    }
}
