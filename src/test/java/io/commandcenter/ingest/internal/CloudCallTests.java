package io.commandcenter.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import io.commandcenter.ingest.CallSettings;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.CloudException.Kind;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

/** The circuit breaker counts calls (polls) with all their tries, and opens only when calls fail every try. */
class CloudCallTests {

    static final Duration OPEN_FOR = Duration.ofMillis(100);

    /** Window of 4 calls, 3 tries each with 1 ms backoff, opens at 50 % failed calls. */
    static CloudCall call(float failureRate) {
        CallSettings settings = new CallSettings(Duration.ofSeconds(1), Duration.ofSeconds(1), 3, Duration.ofMillis(1),
                1, Duration.ofSeconds(1), 4, failureRate, OPEN_FOR);
        return new CloudCall("test", settings, 1000, Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    static CloudException outage() {
        return new CloudException(Kind.UNAVAILABLE, 502, "HTTP 502 from /flow", null, null);
    }

    @Test
    void faultsThatARetryAbsorbsNeverOpenTheCircuit() {
        CloudCall cloud = call(50);
        AtomicInteger tries = new AtomicInteger();

        for (int poll = 0; poll < 20; poll++) {
            // every call: the first try fails (502, then 429), the second succeeds
            String answer = cloud.run(() -> {
                int t = tries.incrementAndGet();
                if (t % 2 == 1) {
                    throw t % 4 == 1 ? outage()
                            : new CloudException(Kind.RATE_LIMITED, 429, "HTTP 429", Duration.ofMillis(1), null);
                }
                return "ok";
            });
            assertThat(answer).isEqualTo("ok");
        }

        assertThat(tries).hasValue(40);
        assertThat(cloud.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(cloud.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isZero();
    }

    @Test
    void aCallThatFailsEveryTryCountsOnceAsFailed() {
        CloudCall cloud = call(50);
        AtomicInteger tries = new AtomicInteger();

        assertThatThrownBy(() -> cloud.run(() -> {
            tries.incrementAndGet();
            throw outage();
        })).isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));

        assertThat(tries).hasValue(3);
        assertThat(cloud.circuitBreaker().getMetrics().getNumberOfFailedCalls()).isEqualTo(1);
        assertThat(cloud.circuitBreaker().getMetrics().getNumberOfBufferedCalls()).isEqualTo(1);
    }

    @Test
    void aSustainedOutageOpensTheCircuitWhichClosesAgainAfterOneGoodTrialCall() throws InterruptedException {
        CloudCall cloud = call(80);
        AtomicInteger tries = new AtomicInteger();
        for (int poll = 0; poll < 4; poll++) {
            assertThatThrownBy(() -> cloud.run(() -> {
                tries.incrementAndGet();
                throw outage();
            })).isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        }
        assertThat(cloud.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);

        assertThatThrownBy(() -> cloud.run(() -> {
            tries.incrementAndGet();
            return "not called";
        })).isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CIRCUIT_OPEN));
        assertThat(tries).hasValue(12);

        Thread.sleep(OPEN_FOR.multipliedBy(2).toMillis()); // the circuit's own wait, not a measurement
        assertThat(cloud.run(() -> "back")).isEqualTo("back");
        assertThat(cloud.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void aTrialCallThatFailsOpensTheCircuitAgain() throws InterruptedException {
        CloudCall cloud = call(80);
        for (int poll = 0; poll < 4; poll++) {
            assertThatThrownBy(() -> cloud.run(() -> {
                throw outage();
            })).isInstanceOf(CloudException.class);
        }
        Thread.sleep(OPEN_FOR.multipliedBy(2).toMillis());

        assertThatThrownBy(() -> cloud.run(() -> {
            throw outage();
        })).isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        assertThat(cloud.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void refusalsAreNoOutageAndNeverOpenTheCircuit() {
        CloudCall cloud = call(50);
        for (int poll = 0; poll < 10; poll++) {
            assertThatThrownBy(() -> cloud.run(() -> {
                throw new CloudException(Kind.REJECTED, "installation not found");
            })).isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REJECTED));
        }
        assertThat(cloud.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
    }
}
