package io.commandcenter.ingest.internal;

import java.time.Duration;
import java.time.Instant;

import io.commandcenter.ingest.ConnectionCheck;
import io.commandcenter.ingest.PollSource;

/**
 * One cloud's poll; the scheduler runs it, times it and logs it. It may throw: the runner records that. A class
 * rather than an interface so that which cloud, how often and from where are kept here once, not in every poller.
 */
public abstract class SourcePoller {

    private final PollSource source;
    private final Duration interval;
    private final String origin;

    protected SourcePoller(PollSource source, Duration interval, String origin) {
        this.source = source;
        this.interval = interval;
        this.origin = origin;
    }

    public final PollSource source() {
        return source;
    }

    public Duration interval() {
        return interval;
    }

    /** Where the readings come from, for the health page: "real cloud", "simulator" or why it is off. */
    public String origin() {
        return origin;
    }

    /** False when no account (and no simulator) is configured: the poller is not scheduled. */
    public boolean enabled() {
        return true;
    }

    /**
     * What is missing before this source can read anything (e.g. "no Shelly device registered"), or null when there
     * is something to poll. Such a round is not polled, so it cannot count as a success.
     */
    public String nothingToPoll() {
        return null;
    }

    /**
     * Asks the cloud what the configured account can see, for the setup page's "Test connection". Not a poll:
     * nothing is stored. A source without an account answers with what is missing.
     */
    public ConnectionCheck checkConnection() {
        return ConnectionCheck.failed(source, origin);
    }

    /** Runs once on the poller's thread before its first scheduled poll (e.g. first-run device discovery). */
    public void beforeFirstPoll() {
    }

    /** Reads the cloud once and stores the readings; {@code now} is the poll's time stamp. */
    public abstract PollResult poll(Instant now);
}
