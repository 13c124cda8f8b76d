package io.commandcenter.ingest;

import java.time.Duration;
import java.time.Instant;

/**
 * A span with no successful poll, longer than twice the poll interval: readings are missing there.
 *
 * @param from    the last successful poll before the gap (or the start of polling)
 * @param to      the first successful poll after it, or now when {@code ongoing}
 * @param ongoing no successful poll since {@code from}
 */
public record DataGap(PollSource source, Instant from, Instant to, boolean ongoing) {

    public Duration length() {
        return Duration.between(from, to);
    }
}
