package io.commandcenter.ingest.internal;

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

    public static PollResult failed(String error) {
        return new PollResult(0, error);
    }

    public boolean succeeded() {
        return error == null;
    }
}
