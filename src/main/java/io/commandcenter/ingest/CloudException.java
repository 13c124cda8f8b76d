package io.commandcenter.ingest;

import java.time.Duration;
import java.util.Optional;

/**
 * A device cloud call that did not give a usable answer. The kind tells callers (and the retry policy)
 * whether trying again can help.
 */
public class CloudException extends RuntimeException {

    public enum Kind {
        /** Network error, timeout or 5xx: the cloud may answer next time. */
        UNAVAILABLE,
        /** 429: the cloud asks us to slow down, possibly saying for how long. */
        RATE_LIMITED,
        /** Credentials refused or missing. */
        UNAUTHORIZED,
        /** The cloud answered but said no ({@code success:false}, {@code isok:false}, non-zero code, 4xx). */
        REJECTED,
        /** The answer could not be read. */
        BAD_PAYLOAD,
        /** Our circuit breaker is open after repeated failures: the call was not made. */
        CIRCUIT_OPEN,
        /** No account for this cloud is configured and no simulator runs. */
        NOT_CONFIGURED
    }

    private final Kind kind;
    private final int status;
    private final Duration retryAfter;

    public CloudException(Kind kind, int status, String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.kind = kind;
        this.status = status;
        this.retryAfter = retryAfter;
    }

    public CloudException(Kind kind, String message) {
        this(kind, 0, message, null, null);
    }

    public Kind kind() {
        return kind;
    }

    /** HTTP status, 0 when there was no HTTP answer. */
    public int status() {
        return status;
    }

    /** How long the cloud asked us to wait (from {@code Retry-After}). */
    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** Whether the same call may succeed if repeated unchanged. */
    public boolean retryable() {
        return kind == Kind.UNAVAILABLE || kind == Kind.RATE_LIMITED;
    }
}
