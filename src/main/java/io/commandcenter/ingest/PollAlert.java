package io.commandcenter.ingest;

import java.time.Instant;

/**
 * An operational alert from {@code system.alerts}; open while {@code clearedAt} is null.
 *
 * @param kind e.g. {@value PollingHealth#NO_SUCCESSFUL_POLL}
 */
public record PollAlert(long id, PollSource source, String kind, String message, Instant raisedAt, Instant clearedAt) {

    public boolean open() {
        return clearedAt == null;
    }
}
