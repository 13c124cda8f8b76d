package io.commandcenter.ingest.internal;

import java.time.Duration;
import java.time.Instant;

import io.commandcenter.ingest.PollSource;

/** One cloud's poll; the scheduler runs it, times it and logs it. It may throw: the runner records that. */
public interface SourcePoller {

    PollSource source();

    Duration interval();

    /** Reads the cloud once and stores the readings; {@code now} is the poll's time stamp. */
    PollResult poll(Instant now);
}
