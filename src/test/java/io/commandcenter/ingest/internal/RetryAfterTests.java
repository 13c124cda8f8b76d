package io.commandcenter.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import org.junit.jupiter.api.Test;

class RetryAfterTests {

    final Clock clock = Clock.fixed(Instant.parse("2025-06-16T12:00:00Z"), ZoneOffset.UTC);

    @Test
    void readsDelaySeconds() {
        assertThat(RetryAfter.parse("120", clock)).contains(Duration.ofSeconds(120));
    }

    @Test
    void readsAnHttpDateAsTheTimeLeftUntilThen() {
        assertThat(RetryAfter.parse("Mon, 16 Jun 2025 12:00:45 GMT", clock)).contains(Duration.ofSeconds(45));
    }

    @Test
    void treatsADateInThePastAsNoWait() {
        assertThat(RetryAfter.parse("Mon, 16 Jun 2025 11:00:00 GMT", clock)).contains(Duration.ZERO);
    }

    @Test
    void ignoresAnAbsentOrUnreadableHeader() {
        assertThat(RetryAfter.parse(null, clock)).isEmpty();
        assertThat(RetryAfter.parse("soon", clock)).isEmpty();
    }
}
