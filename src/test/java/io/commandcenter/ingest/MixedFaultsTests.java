package io.commandcenter.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.function.Supplier;

import io.commandcenter.ingest.internal.CloudCall;
import io.commandcenter.ingest.shelly.ShellyCloudClient;
import io.commandcenter.ingest.solark.SolArkClient;
import io.commandcenter.ingest.victron.VictronClient;
import io.commandcenter.sitemodel.Faults;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.Test;

/**
 * Each cloud client against the simulator injecting 20 % mixed faults per request (8 % 502, 7 % 429 with
 * Retry-After, 5 % answers slower than the read timeout), with the production retry count and circuit breaker and
 * short timeouts: retries keep at least 97 % of polls successful and the circuit closed. The fault dice are seeded,
 * so a run is repeatable.
 */
class MixedFaultsTests extends SimulatedCloudTestSupport {

    static final int POLLS = 40;

    /** Production attempts and circuit; timeouts and backoff shortened so the test takes seconds. */
    static CallSettings settings() {
        CallSettings production = CallSettings.defaults();
        return new CallSettings(Duration.ofSeconds(1), Duration.ofMillis(200), production.maxAttempts(),
                Duration.ofMillis(10), production.backoffMultiplier(), Duration.ofSeconds(5), production.circuitWindow(),
                production.circuitFailureRate(), production.circuitOpenFor());
    }

    static Faults.Api mixed() {
        return Faults.Api.NONE.withServerErrors(0.08).withRandomRateLimiting(0.07, Duration.ofSeconds(1))
                .withTimeouts(0.05, Duration.ofMillis(400));
    }

    @Test
    void keepsVrmPollsFlowingThroughTwentyPercentFaults() {
        sim.faults().set(Faults.noneAndUnlimited().withVrm(mixed()));
        var client = new VictronClient(sim.vrmBaseUri(), VictronClient.Account.token(sim.credentials().vrmAccessToken()),
                settings(), 100, Duration.ofSeconds(1), Clock.systemUTC());

        assertMostPollsSucceed(client.resilience(), client::installations);
    }

    @Test
    void keepsSolArkPollsFlowingThroughTwentyPercentFaults() {
        sim.faults().set(Faults.noneAndUnlimited().withSolark(mixed()));
        var client = new SolArkClient(sim.solarkBaseUri(), sim.credentials().solarkUsername(),
                sim.credentials().solarkPassword(), settings(), 100, Duration.ofSeconds(1), Clock.systemUTC());

        assertMostPollsSucceed(client.resilience(), client::plants);
    }

    @Test
    void keepsShellyPollsFlowingThroughTwentyPercentFaults() {
        sim.faults().set(Faults.noneAndUnlimited().withShellyCloud(mixed()));
        var client = new ShellyCloudClient(sim.shellyBaseUri(), sim.credentials().shellyAuthKey(), settings(), 100,
                Duration.ofSeconds(1), Clock.systemUTC());

        assertMostPollsSucceed(client.resilience(), client::allStatus);
    }

    private void assertMostPollsSucceed(CloudCall resilience, Supplier<?> poll) {
        int succeeded = 0;
        for (int i = 0; i < POLLS; i++) {
            try {
                poll.get();
                succeeded++;
            } catch (CloudException e) {
                assertThat(e.kind()).as("a failed poll is the cloud's fault, never the open circuit")
                        .isNotEqualTo(CloudException.Kind.CIRCUIT_OPEN);
            }
        }
        var retries = resilience.retry().getMetrics();
        assertThat(retries.getNumberOfSuccessfulCallsWithRetryAttempt())
                .as("faults were injected and retried").isPositive();
        assertThat((double) succeeded / POLLS).as("share of successful polls").isGreaterThanOrEqualTo(0.97);
        assertThat(resilience.circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(resilience.circuitBreaker().getMetrics().getNumberOfBufferedCalls())
                .as("the breaker counts polls, not tries").isLessThanOrEqualTo(POLLS);
    }
}
