package io.commandcenter.engine;

import java.time.Instant;

/**
 * A newly installed rule-set version failed while firing on probation (at once, or within its first
 * minutes live) and the previous version took over again. Told once per failed version.
 *
 * @param failedVersion   the version that failed; it is recorded as failed and no longer active
 * @param restoredVersion the version running again
 * @param reason          which rule failed and how
 */
public record RuleSetRolledBack(int failedVersion, int restoredVersion, String reason, Instant at) {
}
