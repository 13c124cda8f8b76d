package io.commandcenter.ingest.internal;

import java.time.Duration;
import java.time.Instant;

import io.commandcenter.ingest.PollSource;

/** One cloud's poll; the scheduler runs it, times it and logs it. It may throw: the runner records that. */
public interface SourcePoller {

    PollSource source();

    Duration interval();

    /** False when no account (and no simulator) is configured: the poller is not scheduled. */
    default boolean enabled() {
        return true;
    }

    /** Where the readings come from, for the health page: "real cloud", "simulator" or why it is off. */
    String origin();

    /** Runs once on the poller's thread before its first scheduled poll (e.g. first-run device discovery). */
    default void beforeFirstPoll() {
    }

    /** Reads the cloud once and stores the readings; {@code now} is the poll's time stamp. */
    PollResult poll(Instant now);
}
