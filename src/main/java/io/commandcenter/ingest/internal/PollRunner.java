package io.commandcenter.ingest.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.commandcenter.ingest.CloudException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

/**
 * Runs one poll the way every scheduled poll must run: never throws, times the poll and records it in the poll log,
 * whatever happened. A source whose feature flag is off is not polled.
 */
@Component
public class PollRunner {

    private static final Log log = LogFactory.getLog(PollRunner.class);

    private final PollLog pollLog;
    private final PollingFlags flags;
    private final Clock clock;

    PollRunner(PollLog pollLog, PollingFlags flags, Clock clock) {
        this.pollLog = pollLog;
        this.flags = flags;
        this.clock = clock;
    }

    public PollResult run(SourcePoller poller) {
        String off = flags.whyOff(poller.source());
        if (off != null) {
            // not logged as a poll either: switched off is neither a success nor a failure
            log.debug(poller.source().key() + " not polled: " + off);
            return PollResult.ok(0);
        }
        String missing = poller.nothingToPoll();
        if (missing != null) {
            // not logged as a poll: an account with nothing registered must not read as 100 % healthy
            log.debug(poller.source().key() + " not polled: " + missing);
            return PollResult.ok(0);
        }
        Instant started = clock.instant();
        long startNanos = System.nanoTime();
        PollResult result;
        try {
            result = poller.poll(started);
        } catch (CloudException e) {
            result = PollResult.failed(e.getMessage());
        } catch (RuntimeException e) {
            log.error(poller.source().key() + " poll failed unexpectedly", e);
            result = PollResult.failed(e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        Duration took = Duration.ofNanos(System.nanoTime() - startNanos);
        if (!result.succeeded()) {
            log.info(poller.source().key() + " poll failed: " + result.error());
        } else if (log.isDebugEnabled()) {
            log.debug(poller.source().key() + " poll stored " + result.readings() + " readings in " + took.toMillis() + " ms");
        }
        try {
            pollLog.record(poller.source(), started, took, result);
        } catch (RuntimeException e) {
            // the database may be down as well; the next poll tries again
            log.warn("could not record " + poller.source().key() + " poll: " + e.getMessage());
        }
        return result;
    }
}
