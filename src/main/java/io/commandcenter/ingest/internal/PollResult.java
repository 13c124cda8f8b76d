package io.commandcenter.ingest.internal;

import io.commandcenter.timeseries.ReadingWriter.StoreResult;

/**
 * How one poll went.
 *
 * @param readings readings handed to storage and accepted
 * @param error    why the poll failed, null when it succeeded
 */
public record PollResult(int readings, String error) {

    public static PollResult ok(int readings) {
        return new PollResult(readings, null);
    }

    /** A poll whose readings were handed to storage: failed if storage rejected any, with its reasons. */
    public static PollResult of(StoreResult stored) {
        if (stored.rejected() > 0) {
            return new PollResult(stored.stored(), "readings rejected: " + String.join("; ", stored.rejections()));
        }
        return ok(stored.stored());
    }

    public static PollResult failed(String error) {
        return new PollResult(0, error);
    }

    public boolean succeeded() {
        return error == null;
    }
}
