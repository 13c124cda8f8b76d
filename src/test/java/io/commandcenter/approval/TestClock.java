package io.commandcenter.approval;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/** A clock the test moves: real time plus an offset, so the rest of the app keeps running. */
final class TestClock extends Clock {

    private volatile Duration offset = Duration.ZERO;

    void advance(Duration d) {
        offset = offset.plus(d);
    }

    void reset() {
        offset = Duration.ZERO;
    }

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
        return Instant.now().plus(offset);
    }
}
