package io.commandcenter.simulation.bench;

import java.net.URI;
import java.time.Duration;
import java.util.concurrent.Callable;

import io.commandcenter.ingest.CallSettings;
import io.commandcenter.ingest.ResilienceProbe;
import io.commandcenter.ingest.StandInClouds;
import io.commandcenter.simulation.SiteSimulator;
import io.commandcenter.sitemodel.Faults;
import io.commandcenter.sitemodel.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench-ingest}: each cloud client (VRM, SolArk, Shelly) calls the simulator back to back while it injects
 * mixed faults per request — 40 % of them HTTP 502, 35 % 429 with {@code Retry-After: 1}, 25 % answers a second
 * slower than the read timeout — with the production call settings (timeouts, 3 tries, backoff, circuit breaker,
 * rate limits), and prints per cloud the share of successful polls (target ≥ 97 %) and what the circuit did.
 * No database, no web server. The polling and counting is ingest's {@link ResilienceProbe}; this side owns the faults.
 * <p>
 * Options: {@code --polls 100 --faults 0.20}
 */
@Command(name = "bench-ingest",
        description = "Cloud clients under mixed faults: share of successful polls per cloud, what the circuit did.")
public final class IngestBenchmark implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--polls", paramLabel = "N", defaultValue = "100",
            description = "Polls per cloud (default ${DEFAULT-VALUE}).")
    private int polls;

    @Option(names = "--faults", paramLabel = "SHARE", defaultValue = "0.20",
            description = "Share of requests that fail, 0..1 (default ${DEFAULT-VALUE}).")
    private double faults;

    @Override
    public Integer call() {
        if (polls < 1) {
            throw new ParameterException(spec.commandLine(), "--polls must be at least 1 (was " + polls + ")");
        }
        if (!(faults >= 0 && faults <= 1)) {
            throw new ParameterException(spec.commandLine(), "--faults must be between 0 and 1 (was " + faults + ")");
        }
        CallSettings production = CallSettings.defaults();
        // Shelly's read timeout as application.properties sets it
        CallSettings shelly = production.withReadTimeout(Duration.ofSeconds(5));
        try (SiteSimulator sim = SiteSimulator.manual(Scenario.resolve("summer-week.yaml")).start(0)) {
            sim.faults().set(Faults.none()
                    .withVrm(mixed(faults, production).withRateLimit(new Faults.RateLimit(200, Duration.ofMinutes(1))))
                    .withSolark(mixed(faults, production))
                    .withShellyCloud(mixed(faults, shelly).withRateLimit(new Faults.RateLimit(1, Duration.ofSeconds(1)))));
            var accounts = sim.credentials();
            var clouds = new StandInClouds(sim.vrmBaseUri(), accounts.vrmAccessToken(), accounts.vrmSiteId(),
                    sim.solarkBaseUri(), accounts.solarkUsername(), accounts.solarkPassword(), accounts.solarkPlantId(),
                    sim.shellyBaseUri(), accounts.shellyAuthKey(), URI.create(sim.baseUri() + "/shelly-local"),
                    URI.create(sim.baseUri() + "/open-meteo"), sim.scenario().site().pvPeakW() / 1000, sim.clock()::now,
                    sim.clock().speed());
            System.out.printf("bench-ingest: %d polls per cloud, %.0f %% of requests faulty (%.1f %% 502, %.1f %% 429 "
                            + "Retry-After 1 s, %.1f %% slower than the read timeout); production retries and circuit "
                            + "(%d tries, backoff %d ms x%.0f, circuit %d calls at %.0f %%, open %s)%n",
                    polls, faults * 100, faults * 40, faults * 35, faults * 25, production.maxAttempts(),
                    production.initialBackoff().toMillis(), production.backoffMultiplier(), production.circuitWindow(),
                    production.circuitFailureRate(), production.circuitOpenFor());
            for (ResilienceProbe.Figures f : ResilienceProbe.pollEach(clouds, production, shelly, polls)) {
                System.out.printf("  %-8s %5.1f %% of %d polls succeeded (target >= 97 %%), %d failed, %d of them "
                                + "'circuit open'; %d polls needed a retry; circuit %s; %.0f s%n",
                        f.cloud(), 100.0 * f.succeeded() / f.polls(), f.polls(), f.polls() - f.succeeded(),
                        f.circuitOpen(), f.retried(), f.circuit(), f.took().toNanos() / 1e9);
            }
            return 0;
        } catch (Exception e) {
            System.err.println("bench-ingest failed: " + e);
            return 1;
        }
    }

    private static Faults.Api mixed(double share, CallSettings settings) {
        return Faults.Api.NONE.withServerErrors(share * 0.40).withRandomRateLimiting(share * 0.35, Duration.ofSeconds(1))
                .withTimeouts(share * 0.25, settings.readTimeout().plusSeconds(1));
    }
}
