package io.commandcenter.web;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** A sign-in refused because of too many recent failures ({@link LoginThrottle}); answered 429 with Retry-After. */
class SignInThrottledException extends AuthenticationException {

    private final Duration retryAfter;

    SignInThrottledException(Duration retryAfter) {
        super("Too many failed sign-ins; try again later");
        this.retryAfter = retryAfter;
    }

    /** Whole seconds to wait, at least 1. */
    long retryAfterSeconds() {
        return Math.max(1, (retryAfter.toMillis() + 999) / 1000);
    }
}
