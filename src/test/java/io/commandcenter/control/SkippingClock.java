package io.commandcenter.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** The wall clock plus however far the tests skipped ahead; it never goes back. */
final class SkippingClock extends Clock {

    private volatile Duration ahead = Duration.ZERO;

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }

    @Override
    public Instant instant() {
        return Instant.now().plus(ahead);
    }

    synchronized void skip(Duration duration) {
        ahead = ahead.plus(duration);
    }

    /** Moves on to {@code time} at once when it is still to come. */
    synchronized void skipTo(Instant time) {
        Duration left = Duration.between(instant(), time);
        if (left.compareTo(Duration.ZERO) > 0) {
            ahead = ahead.plus(left);
        }
    }
}
