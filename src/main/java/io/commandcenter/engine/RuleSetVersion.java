package io.commandcenter.engine;

import java.time.Instant;
import java.util.Map;

/**
 * A rule set that went live.
 *
 * @param files  every DRL source by file name, including rendered decision tables
 * @param source "startup", "activate", "rollback to 3"
 * @param workspaceHash content hash of the rules folder and tables when it went live (differs from
 *               {@code contentHash} after a rollback to rules the folder no longer holds); null
 *               for versions recorded before it was kept
 * @param failure why the version was rolled back automatically (it failed while firing on probation); null
 *               when it did not fail
 * @param failedAt when it was rolled back
 */
public record RuleSetVersion(int version, Instant activatedAt, String activatedBy, String source, String contentHash,
                             Map<String, String> files, long buildMillis, boolean active,
                             String workspaceHash, String failure, Instant failedAt) {
}
