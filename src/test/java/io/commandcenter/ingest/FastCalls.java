package io.commandcenter.ingest;

import java.time.Duration;

/** Call settings for tests: short timeouts and millisecond backoffs, so retries cost no real time. */
public final class FastCalls {

    private FastCalls() {
    }

    public static CallSettings settings() {
        return new CallSettings(Duration.ofSeconds(2), Duration.ofSeconds(2), 3, Duration.ofMillis(20), 2,
                Duration.ofSeconds(5), 50, 50, Duration.ofMinutes(1));
    }
}
