package io.commandcenter.ingest;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

import io.commandcenter.ingest.internal.CloudCall;
import io.commandcenter.ingest.shelly.ShellyCloudClient;
import io.commandcenter.ingest.solark.SolArkClient;
import io.commandcenter.ingest.victron.VictronClient;

/**
 * The measuring half of {@code bench-ingest}: polls each cloud (VRM, SolArk, Shelly Cloud) back to back through the
 * production clients with the given call settings (timeouts, tries, backoff, circuit breaker, the clients' own rate
 * limits) and counts what got through. Whoever injects the faults (the benchmark, with the simulator) owns the other
 * half; this side only needs the endpoints and accounts.
 */
public final class ResilienceProbe {

    /**
     * What one cloud's client got through.
     *
     * @param circuitOpen polls that failed because the circuit breaker was open
     * @param retried     polls that needed more than one try, whether they succeeded or not
     * @param circuit     the circuit breaker's state at the end (CLOSED, OPEN, HALF_OPEN)
     */
    public record Figures(String cloud, int polls, int succeeded, int circuitOpen, long retried, String circuit,
                          Duration took) {
    }

    private ResilienceProbe() {
    }

    /**
     * Polls each cloud {@code polls} times, the three clouds in parallel: VRM and SolArk with {@code settings},
     * Shelly Cloud with {@code shellySettings}.
     */
    public static List<Figures> pollEach(StandInClouds clouds, CallSettings settings, CallSettings shellySettings,
                                         int polls) throws InterruptedException, ExecutionException {
        var vrm = new VictronClient(clouds.vrm(), VictronClient.Account.token(clouds.vrmAccessToken()), settings, 3,
                Duration.ofSeconds(1), Clock.systemUTC());
        var solark = new SolArkClient(clouds.solark(), clouds.solarkUsername(), clouds.solarkPassword(), settings, 2,
                Duration.ofSeconds(1), Clock.systemUTC());
        var shelly = new ShellyCloudClient(clouds.shelly(), clouds.shellyAuthKey(), shellySettings, 1,
                Duration.ofSeconds(1), Clock.systemUTC());
        ExecutorService pool = Executors.newFixedThreadPool(3);
        try {
            List<Future<Figures>> results = new ArrayList<>();
            results.add(pool.submit(() -> measure("victron", vrm.resilience(), vrm::installations, polls)));
            results.add(pool.submit(() -> measure("solark", solark.resilience(), solark::plants, polls)));
            results.add(pool.submit(() -> measure("shelly", shelly.resilience(), shelly::allStatus, polls)));
            List<Figures> figures = new ArrayList<>();
            for (Future<Figures> result : results) {
                figures.add(result.get());
            }
            return figures;
        } finally {
            pool.shutdown();
        }
    }

    private static Figures measure(String cloud, CloudCall call, Supplier<?> poll, int polls) {
        int ok = 0;
        int circuitOpen = 0;
        long started = System.nanoTime();
        for (int i = 0; i < polls; i++) {
            try {
                poll.get();
                ok++;
            } catch (CloudException e) {
                if (e.kind() == CloudException.Kind.CIRCUIT_OPEN) {
                    circuitOpen++;
                }
            }
        }
        var retries = call.retry().getMetrics();
        return new Figures(cloud, polls, ok, circuitOpen,
                retries.getNumberOfSuccessfulCallsWithRetryAttempt() + retries.getNumberOfFailedCallsWithRetryAttempt(),
                call.circuitBreaker().getState().name(), Duration.ofNanos(System.nanoTime() - started));
    }
}
