package io.commandcenter.ingest;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * How one cloud is called: timeouts, retries and the circuit breaker. Nested in each cloud's properties
 * ({@code commandcenter.victron.call.*}, ...).
 *
 * @param connectTimeout   giving up on opening a connection
 * @param readTimeout      giving up on an answer
 * @param maxAttempts      tries per call, the first one included
 * @param initialBackoff   wait before the second try; doubled (times {@code backoffMultiplier}) for each later one
 * @param backoffMultiplier growth of the wait between tries
 * @param maxRetryWait     longest wait we accept from a {@code Retry-After}; longer means the poll gives up and the
 *                         next scheduled poll tries again
 * @param circuitWindow    number of recent calls the circuit breaker looks at; a call counts once with all its tries
 *                         (one poll), and as failed only when every try failed with an outage (network, timeout, 5xx)
 * @param circuitFailureRate percent of failed calls in that window that opens the circuit: the default 80 % of 5 is
 *                         four failed polls out of five, a sustained outage rather than faults retries absorb
 * @param circuitOpenFor   how long an open circuit rejects calls before letting a trial call through
 */
public record CallSettings(
        @DefaultValue("5s") @NotNull @DurationMin(inclusive = false) Duration connectTimeout,
        @DefaultValue("20s") @NotNull @DurationMin(inclusive = false) Duration readTimeout,
        @DefaultValue("3") @Positive int maxAttempts,
        @DefaultValue("1s") @NotNull @DurationMin Duration initialBackoff,
        // Below 1 each wait would be shorter than the one before.
        @DefaultValue("2") @DecimalMin("1") double backoffMultiplier,
        @DefaultValue("60s") @NotNull @DurationMin Duration maxRetryWait,
        @DefaultValue("5") @Positive int circuitWindow,
        // Resilience4j's own bounds: above 0, at most 100 %.
        @DefaultValue("80") @DecimalMin(value = "0", inclusive = false) @DecimalMax("100") float circuitFailureRate,
        // Resilience4j refuses an open state shorter than a millisecond.
        @DefaultValue("2m") @NotNull @DurationMin(millis = 1) Duration circuitOpenFor) {

    public static CallSettings defaults() {
        return new CallSettings(Duration.ofSeconds(5), Duration.ofSeconds(20), 3, Duration.ofSeconds(1), 2,
                Duration.ofSeconds(60), 5, 80, Duration.ofMinutes(2));
    }

    public CallSettings withRetries(int maxAttempts, Duration initialBackoff) {
        return new CallSettings(connectTimeout, readTimeout, maxAttempts, initialBackoff, backoffMultiplier,
                maxRetryWait, circuitWindow, circuitFailureRate, circuitOpenFor);
    }

    public CallSettings withCircuit(int window, Duration openFor) {
        return new CallSettings(connectTimeout, readTimeout, maxAttempts, initialBackoff, backoffMultiplier,
                maxRetryWait, window, circuitFailureRate, openFor);
    }

    public CallSettings withReadTimeout(Duration timeout) {
        return new CallSettings(connectTimeout, timeout, maxAttempts, initialBackoff, backoffMultiplier,
                maxRetryWait, circuitWindow, circuitFailureRate, circuitOpenFor);
    }
}
