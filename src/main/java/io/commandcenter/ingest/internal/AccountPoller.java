package io.commandcenter.ingest.internal;

import java.time.Duration;
import java.time.Instant;

import io.commandcenter.ingest.ConnectionCheck;

/**
 * The poller of one cloud for whichever account is connected now. Saving an account on the setup page connects a new
 * poller here without a restart; the scheduler keeps running this one and reads the interval again after each poll.
 *
 * @param <P> the cloud's poller
 */
public final class AccountPoller<P extends SourcePoller> extends SourcePoller {

    private volatile P current;

    public AccountPoller(P initial) {
        super(initial.source(), initial.interval(), initial.origin());
        this.current = initial;
    }

    /** The poller in use now. */
    public P current() {
        return current;
    }

    /** Polls with {@code next} from the next round on; a poll in flight finishes with the previous account. */
    public void connect(P next) {
        if (next.source() != source()) {
            throw new IllegalArgumentException(next.source() + " poller offered for " + source());
        }
        current = next;
    }

    @Override
    public Duration interval() {
        return current.interval();
    }

    @Override
    public String origin() {
        return current.origin();
    }

    @Override
    public boolean enabled() {
        return current.enabled();
    }

    @Override
    public String nothingToPoll() {
        return current.nothingToPoll();
    }

    @Override
    public ConnectionCheck checkConnection() {
        return current.checkConnection();
    }

    @Override
    public void beforeFirstPoll() {
        current.beforeFirstPoll();
    }

    @Override
    public PollResult poll(Instant now) {
        return current.poll(now);
    }
}
