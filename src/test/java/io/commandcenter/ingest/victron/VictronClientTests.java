package io.commandcenter.ingest.victron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import io.commandcenter.ingest.CallSettings;
import io.commandcenter.ingest.CloudException.Kind;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.FastCalls;
import io.commandcenter.ingest.SimulatedCloudTestSupport;
import io.commandcenter.simulation.SimulatorCredentials;
import io.commandcenter.sitemodel.Faults;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The VRM client against the simulator's VRM API over HTTP. */
class VictronClientTests extends SimulatedCloudTestSupport {

    SimulatorCredentials account;

    @BeforeAll
    void simulatorAccount() {
        account = sim.credentials();
    }

    @BeforeEach
    void tenHoursIn() {
        sim.clock().advance(Duration.ofHours(10));
    }

    VictronClient client(VictronClient.Account credentials, CallSettings settings) {
        return new VictronClient(sim.vrmBaseUri(), credentials, settings, 100, Duration.ofSeconds(1), Clock.systemUTC());
    }

    VictronClient tokenClient() {
        return client(VictronClient.Account.token(account.vrmAccessToken()), FastCalls.settings());
    }

    @Test
    void readsTheBatterySummaryWithAnAccessToken() {
        var summary = tokenClient().batterySummary(account.vrmSiteId(), account.vrmBatteryInstance());

        var state = sim.state();
        assertThat(summary.hasData()).isTrue();
        assertThat(summary.hasOldData()).isFalse();
        assertThat(summary.soc()).isCloseTo(state.socPercent(), within(0.01));
        assertThat(summary.voltage()).isCloseTo(state.batteryVoltage(), within(0.01));
        assertThat(summary.current()).isCloseTo(state.batteryCurrentA(), within(0.01));
        assertThat(summary.temperature()).isCloseTo(state.batteryTemperatureC(), within(0.01));
        assertThat(summary.secondsAgo()).isBetween(0L, 59L);
    }

    @Test
    void logsInWithUsernameAndPasswordAndFindsTheInstallation() {
        var client = client(VictronClient.Account.login(account.vrmUsername(), account.vrmPassword()), FastCalls.settings());

        assertThat(client.installations()).extracting(Installation::id).containsExactly(account.vrmSiteId());
        assertThat(client.userId()).isEqualTo(account.vrmUserId());
        assertThat(client.batterySummary(account.vrmSiteId(), account.vrmBatteryInstance()).hasData()).isTrue();
    }

    @Test
    void takesTheUserIdFromThePasswordLoginWithoutAskingUsersMe() {
        var client = client(VictronClient.Account.login(account.vrmUsername(), account.vrmPassword()), FastCalls.settings());

        assertThat(client.installations()).extracting(Installation::id).containsExactly(account.vrmSiteId());
        assertThat(sim.requests("/vrm/v2/auth/login")).isEqualTo(1);
        assertThat(sim.requests("/vrm/v2/users/me")).isZero();
    }

    @Test
    void asksUsersMeForTheUserIdWithAnAccessToken() {
        assertThat(tokenClient().userId()).isEqualTo(account.vrmUserId());
        assertThat(sim.requests("/vrm/v2/users/me")).isEqualTo(1);
    }

    @Test
    void findsTheBatteryMonitorInTheInstallationsDiagnostics() {
        var monitors = tokenClient().batteryMonitors(account.vrmSiteId());

        assertThat(monitors).extracting(VictronPayloads.Monitor::instance).containsExactly(account.vrmBatteryInstance());
        assertThat(monitors.get(0).device()).isEqualTo("Battery Monitor");
    }

    @Test
    void reportsAWrongPasswordAsUnauthorized() {
        var client = client(VictronClient.Account.login(account.vrmUsername(), "wrong"), FastCalls.settings());

        assertThatThrownBy(() -> client.batterySummary(account.vrmSiteId(), account.vrmBatteryInstance()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
                    assertThat(e.status()).isEqualTo(401);
                });
    }

    @Test
    void reportsAWrongAccessTokenAsUnauthorizedWithoutRetrying() {
        var client = client(VictronClient.Account.token("not-a-token"), FastCalls.settings());
        List<Object> retries = new CopyOnWriteArrayList<>();
        client.resilience().retry().getEventPublisher().onRetry(retries::add);

        assertThatThrownBy(() -> client.batterySummary(account.vrmSiteId(), account.vrmBatteryInstance()))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED));
        assertThat(retries).isEmpty();
    }

    @Test
    void reportsAnUnknownSiteAsRejected() {
        assertThatThrownBy(() -> tokenClient().batterySummary(999, account.vrmBatteryInstance()))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REJECTED));
    }

    @Test
    void seesNoDataForAMonitorInstanceVrmDoesNotKnow() {
        var summary = tokenClient().batterySummary(account.vrmSiteId(), 1);

        assertThat(summary.hasData()).isFalse();
        assertThat(summary.soc()).isNull();
    }

    @Test
    void seesStaleDataAsOld() {
        sim.faults().set(Faults.noneAndUnlimited().withVrm(Faults.Api.NONE.withStaleData(1, Duration.ofHours(2))));

        var summary = tokenClient().batterySummary(account.vrmSiteId(), account.vrmBatteryInstance());

        assertThat(summary.hasOldData()).isTrue();
        assertThat(summary.secondsAgo()).isGreaterThanOrEqualTo(7200);
    }

    @Test
    void retriesServerErrorsWithExponentialBackoff() {
        sim.faults().set(Faults.noneAndUnlimited().withVrm(Faults.Api.NONE.withServerErrors(1)));
        var client = tokenClient();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        client.resilience().retry().getEventPublisher().onRetry(e -> waits.add(e.getWaitInterval()));

        assertThatThrownBy(() -> client.batterySummary(account.vrmSiteId(), account.vrmBatteryInstance()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                    assertThat(e.status()).isEqualTo(500);
                });
        assertThat(waits).containsExactly(Duration.ofMillis(20), Duration.ofMillis(40));
    }

    @Test
    void succeedsWhenTheCloudRecoversBetweenTries() {
        sim.faults().set(Faults.noneAndUnlimited().withVrm(Faults.Api.NONE.withServerErrors(1)));
        var client = tokenClient();
        client.resilience().retry().getEventPublisher().onRetry(e -> sim.faults().clear());

        assertThat(client.batterySummary(account.vrmSiteId(), account.vrmBatteryInstance()).hasData()).isTrue();
        assertThat(client.resilience().retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isEqualTo(1);
    }

    @Test
    void waitsAsLongAsRetryAfterSaysOnTooManyRequests() {
        sim.faults().set(Faults.noneAndUnlimited().withVrm(Faults.Api.NONE.withRandomRateLimiting(1, Duration.ofSeconds(1))));
        var client = tokenClient();
        List<Duration> waits = new CopyOnWriteArrayList<>();
        client.resilience().retry().getEventPublisher().onRetry(e -> {
            waits.add(e.getWaitInterval());
            sim.faults().clear();
        });

        assertThat(client.batterySummary(account.vrmSiteId(), account.vrmBatteryInstance()).hasData()).isTrue();
        // the backoff alone would have waited 20 ms
        assertThat(waits).containsExactly(Duration.ofSeconds(1));
    }

    @Test
    void givesUpAtOnceWhenRetryAfterIsLongerThanTheLongestAcceptedWait() {
        sim.faults().set(Faults.noneAndUnlimited().withVrm(Faults.Api.NONE.withRandomRateLimiting(1, Duration.ofMinutes(10))));
        var client = tokenClient();
        List<Object> retries = new CopyOnWriteArrayList<>();
        client.resilience().retry().getEventPublisher().onRetry(retries::add);

        assertThatThrownBy(() -> client.batterySummary(account.vrmSiteId(), account.vrmBatteryInstance()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.RATE_LIMITED);
                    assertThat(e.retryAfter()).contains(Duration.ofMinutes(10));
                });
        assertThat(retries).isEmpty();
    }

    @Test
    void opensTheCircuitAfterRepeatedFailuresAndThenRejectsWithoutCalling() {
        sim.faults().set(Faults.noneAndUnlimited().withVrm(Faults.Api.NONE.withServerErrors(1)));
        var client = client(VictronClient.Account.token(account.vrmAccessToken()),
                FastCalls.settings().withRetries(1, Duration.ofMillis(1)).withCircuit(4, Duration.ofMinutes(5)));

        for (int i = 0; i < 4; i++) {
            assertThatThrownBy(() -> client.batterySummary(account.vrmSiteId(), account.vrmBatteryInstance()))
                    .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE));
        }
        sim.faults().clear();

        assertThat(client.resilience().circuitBreaker().getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> client.batterySummary(account.vrmSiteId(), account.vrmBatteryInstance()))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.CIRCUIT_OPEN));
        assertThat(client.resilience().circuitBreaker().getMetrics().getNumberOfNotPermittedCalls()).isEqualTo(1);
    }

    @Test
    void givesUpOnASlowAnswerAfterTheReadTimeout() {
        sim.faults().set(Faults.noneAndUnlimited().withVrm(Faults.Api.NONE.withTimeouts(1, Duration.ofSeconds(3))));
        var client = client(VictronClient.Account.token(account.vrmAccessToken()),
                FastCalls.settings().withRetries(1, Duration.ofMillis(1)).withReadTimeout(Duration.ofMillis(300)));

        assertThatThrownBy(() -> client.batterySummary(account.vrmSiteId(), account.vrmBatteryInstance()))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAVAILABLE);
                    assertThat(e.getMessage()).contains("timed out");
                });
    }
}
