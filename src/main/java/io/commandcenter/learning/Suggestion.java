package io.commandcenter.learning;

import java.time.Instant;
import java.util.List;

import io.commandcenter.engine.IfThenRule;

/**
 * What learning offers the owner, with its evidence and the dry run that proved it: a new rule, a changed threshold
 * or a confirmation change.
 *
 * @param key        what the suggestion is about (kind, device, action), so it is updated, not offered twice
 * @param rule       for a NEW_RULE: the builder rule it becomes on accept
 * @param confidence 0..1: the lower bound of the Wilson interval over recency-weighted evidence
 * @param evidence   the observations behind it
 * @param dryRun     what the rule would have done over the last 30 days, in words
 * @param status     OFFERED, WITHHELD (its dry run broke a safety rule), ACCEPTED or DISMISSED
 * @param value      for a THRESHOLD: the new threshold, in %
 */
public record Suggestion(long id, Kind kind, String key, String title, IfThenRule rule, double confidence,
                         List<Long> evidence, int approvalsSaved, List<String> dryRun, Status status, String why,
                         Instant createdAt, Instant decidedAt, String decidedBy, Double value) {

    public enum Kind { NEW_RULE, THRESHOLD, CONFIRMATION }

    public enum Status { OFFERED, WITHHELD, ACCEPTED, DISMISSED }

    public Suggestion {
        evidence = List.copyOf(evidence);
        dryRun = List.copyOf(dryRun);
    }
}
