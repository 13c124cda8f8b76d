package io.commandcenter.ingest.internal;

import java.time.Duration;
import java.util.function.Supplier;

import io.commandcenter.ingest.CallSettings;
import io.commandcenter.ingest.CloudException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;

/**
 * The resilience around every call to one cloud: a circuit breaker outside retry (exponential backoff, or the cloud's
 * own {@code Retry-After}) outside a rate limiter. Each try takes a rate permit; the breaker counts calls with all
 * their tries (a poll is one such call once the account is known), so faults that a retry absorbs never count
 * against the cloud, and only calls that failed every try do. An open breaker fails the call at once.
 */
public final class CloudCall {

    private final Retry retry;
    private final RateLimiter rateLimiter;
    private final CircuitBreaker circuitBreaker;

    /**
     * @param rateLimit  requests allowed per {@code ratePeriod}
     * @param rateWait   how long a call may wait for a permit before failing
     */
    public CloudCall(String name, CallSettings settings, int rateLimit, Duration ratePeriod, Duration rateWait) {
        IntervalBiFunction<Object> interval = (attempt, outcome) -> {
            if (outcome.isLeft() && outcome.getLeft() instanceof CloudException e && e.retryAfter().isPresent()) {
                return e.retryAfter().get().toMillis();
            }
            double backoff = settings.initialBackoff().toMillis() * Math.pow(settings.backoffMultiplier(), attempt - 1);
            return (long) Math.min(backoff, settings.maxRetryWait().toMillis());
        };
        this.retry = Retry.of(name, RetryConfig.custom()
                .maxAttempts(Math.max(1, settings.maxAttempts()))
                .intervalBiFunction(interval)
                .retryOnException(e -> e instanceof CloudException c && c.retryable()
                        && c.retryAfter().map(wait -> wait.compareTo(settings.maxRetryWait()) <= 0).orElse(true))
                .build());
        this.rateLimiter = RateLimiter.of(name, RateLimiterConfig.custom()
                .limitForPeriod(rateLimit)
                .limitRefreshPeriod(ratePeriod)
                .timeoutDuration(rateWait)
                .build());
        // Only signs of a broken cloud open the circuit; a refused login or a bad id is not an outage. One trial
        // call decides whether an open circuit closes again: with polls minutes apart, waiting for more is an outage.
        this.circuitBreaker = CircuitBreaker.of(name, CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.circuitWindow())
                .minimumNumberOfCalls(settings.circuitWindow())
                .failureRateThreshold(settings.circuitFailureRate())
                .waitDurationInOpenState(settings.circuitOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordException(CloudCall::outage)
                .build());
    }

    public <T> T run(Supplier<T> call) {
        Supplier<T> guarded = RateLimiter.decorateSupplier(rateLimiter, call);
        guarded = Retry.decorateSupplier(retry, guarded);
        guarded = CircuitBreaker.decorateSupplier(circuitBreaker, guarded);
        try {
            return guarded.get();
        } catch (CallNotPermittedException e) {
            throw new CloudException(CloudException.Kind.CIRCUIT_OPEN, 0,
                    circuitBreaker.getName() + " circuit open after repeated failures; not calling the cloud", null, e);
        } catch (RequestNotPermitted e) {
            throw new CloudException(CloudException.Kind.RATE_LIMITED, 0,
                    rateLimiter.getName() + " rate limit: no permit within the wait time", null, e);
        }
    }

    /** A call that failed every try because the cloud did not answer (network, timeout, 5xx). */
    private static boolean outage(Throwable e) {
        return e instanceof CloudException c && c.kind() == CloudException.Kind.UNAVAILABLE;
    }

    public Retry retry() {
        return retry;
    }

    public RateLimiter rateLimiter() {
        return rateLimiter;
    }

    public CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }
}
