package io.commandcenter.simulation.bench;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

import io.commandcenter.control.CommandOutcome;
import io.commandcenter.control.CommandService;
import io.commandcenter.control.ControlProperties;
import io.commandcenter.device.DeviceService;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.sitemodel.Faults;
import io.commandcenter.sitemodel.SiteState;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench-control}: runs manual commands through the full control pipeline (rules, turn on the device, read, send, verify,
 * retry, roll back) against the embedded simulator with the production settings: Shelly's limit of one request per
 * second per account, the pacing, timeouts and verification of a real site, and the Shelly poller running. The
 * simulator injects cloud timeouts (answers slower than the read timeout) and silent relay failures (OK answered, relay
 * not switched). Commands go one after the other, rotating over the devices, as a person would send them: the account
 * allows about one call a second, so sending them in parallel would measure the queue, not a switch. Prints the
 * success rate, outcomes whose device state is unknown or misreported, and latency percentiles.
 * <p>
 * Options: {@code --commands 1000 --timeouts 0.10 --silent 0.05 --db-url jdbc:postgresql://...}
 * <p>
 * The application comes from the caller, so this package does not depend on the root package that lists the commands.
 * It drives control through its public API ({@link CommandService}) only.
 */
@Command(name = "bench-control",
        description = "Control benchmark: manual commands through the full pipeline against the faulty simulator.")
public final class ControlBenchmark implements Callable<Integer> {

    private final Supplier<SpringApplicationBuilder> application;

    @Spec
    private CommandSpec spec;

    @Option(names = "--commands", paramLabel = "N", defaultValue = "1000",
            description = "Manual commands to send, one after the other (default ${DEFAULT-VALUE}).")
    private int total;

    @Option(names = "--timeouts", paramLabel = "SHARE", defaultValue = "0.10",
            description = "Share of Shelly cloud calls that answer after the read timeout, 0..1 "
                    + "(default ${DEFAULT-VALUE}).")
    private double timeouts;

    @Option(names = "--silent", paramLabel = "SHARE", defaultValue = "0.05",
            description = "Share of relay commands answered OK but not carried out, 0..1 (default ${DEFAULT-VALUE}).")
    private double silent;

    @Option(names = "--db-url", paramLabel = "URL",
            defaultValue = "jdbc:postgresql://127.0.0.1:5432/commandcenter_bench",
            description = "JDBC URL of the benchmark's database (default ${DEFAULT-VALUE}).")
    private String dbUrl;

    /** @param application builds the platform's Spring application; called only when the benchmark runs */
    public ControlBenchmark(Supplier<SpringApplicationBuilder> application) {
        this.application = application;
    }

    @Override
    public Integer call() {
        if (total < 1) {
            throw new ParameterException(spec.commandLine(), "--commands must be at least 1 (was " + total + ")");
        }
        share("--timeouts", timeouts);
        share("--silent", silent);
        // As arguments, so they win over application.properties (default properties would not).
        String[] settings = {
                "--spring.datasource.url=" + dbUrl,
                "--commandcenter.simulator.enabled=true",
                // Real time: the site changes as slowly as a real one, so the battery rules do not start refusing
                // "on" commands half-way through the run as they would on the usual 60x clock.
                "--commandcenter.simulator.speed=1",
                // The whole application as in production, on a free port nobody uses (security needs the web server).
                "--server.port=0",
                "--logging.level.root=WARN"};
        try (ConfigurableApplicationContext context = application.get()
                .web(WebApplicationType.SERVLET)
                .run(settings)) {
            return measure(context, total, timeouts, silent);
        } catch (Exception e) {
            System.err.println("bench-control failed: " + e);
            return 1;
        }
    }

    private void share(String option, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new ParameterException(spec.commandLine(), option + " must be between 0 and 1 (was " + value + ")");
        }
    }

    private static int measure(ConfigurableApplicationContext context, int total, double timeouts, double silent)
            throws Exception {
        CommandService commands = context.getBean(CommandService.class);
        EmbeddedSimulator simulator = context.getBean(EmbeddedSimulator.class);
        context.getBean(DeviceService.class).discover();
        List<String> devices = simulator.simulator().scenario().devices().stream().map(d -> d.name()).toList();
        // Wait for the first Shelly poll, so the rules know every device's state.
        Thread.sleep(5_000);
        Duration readTimeout = context.getEnvironment()
                .getProperty("commandcenter.shelly.call.read-timeout", Duration.class, Duration.ofSeconds(20));
        ControlProperties settings = context.getBean(ControlProperties.class);
        // A "timeout" answers a second after the client gave up and still switches the relay then, as a slow real
        // request may; Shelly's real limit of one request per second stays in force.
        Duration timeoutDelay = readTimeout.plusSeconds(1);
        simulator.simulator().faults().set(Faults.none()
                .withShellyCloud(Faults.Api.NONE.withTimeouts(timeouts, timeoutDelay))
                .withRelayIgnoreProbability(silent));

        System.out.printf("bench-control: %d manual commands, one at a time over %d devices; %.0f%% cloud timeouts "
                        + "(answer after %d ms, read timeout %d ms), %.0f%% silent relay failures; Shelly limit "
                        + "1 request/s (the account's request budget, turns 1.1 s apart), verify-timeout %d ms, settle %d ms%n",
                total, devices.size(), timeouts * 100, timeoutDelay.toMillis(), readTimeout.toMillis(), silent * 100,
                settings.verifyTimeout().toMillis(), settings.settle().toMillis());
        Map<String, Boolean> next = new java.util.HashMap<>();
        for (String device : devices) {
            next.put(device, !simulator.simulator().state().device(device).orElseThrow().on());
        }
        List<Sample> samples = new ArrayList<>();
        long started = System.nanoTime();
        for (int i = 0; i < total; i++) {
            String device = devices.get(i % devices.size());
            boolean on = next.get(device);
            next.put(device, !on);
            CommandOutcome outcome = commands.execute(ActionRequest.of(device, on, Source.MANUAL,
                    "bench", "bench-control", Instant.now()));
            SiteState.Device truth = simulator.simulator().state().device(device).orElseThrow();
            samples.add(new Sample(outcome, truth.on()));
            if ((i + 1) % 50 == 0) {
                System.out.printf("  %d commands done%n", i + 1);
            }
        }
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        // Late copies of timed-out requests land up to a second after the client gave up: check once more after it.
        Thread.sleep(timeoutDelay.minus(readTimeout).plus(settings.settle()).toMillis());
        int lateFlips = 0;
        Map<String, Sample> lastOf = new java.util.HashMap<>();
        for (int i = 0; i < samples.size(); i++) {
            lastOf.put(devices.get(i % devices.size()), samples.get(i));
        }
        for (var last : lastOf.entrySet()) {
            Boolean reported = last.getValue().outcome().finalOn();
            if (reported != null && reported != simulator.simulator().state().device(last.getKey()).orElseThrow().on()) {
                lateFlips++;
            }
        }

        Map<CommandOutcome.Result, Integer> byResult = new EnumMap<>(CommandOutcome.Result.class);
        int unknown = 0;
        int misreported = 0;
        List<Long> latencies = new ArrayList<>();
        List<Long> succeededLatencies = new ArrayList<>();
        List<Long> failedLatencies = new ArrayList<>();
        for (Sample s : samples) {
            byResult.merge(s.outcome().result(), 1, Integer::sum);
            latencies.add(s.outcome().latencyMs());
            (s.outcome().succeeded() ? succeededLatencies : failedLatencies).add(s.outcome().latencyMs());
            if (s.outcome().finalOn() == null) {
                unknown++;
            } else if (s.outcome().finalOn() != s.actualOn()) {
                misreported++;
            }
        }
        int succeeded = byResult.getOrDefault(CommandOutcome.Result.SUCCEEDED, 0);
        System.out.printf("results:            %s%s%n", byResult, byResult.containsKey(CommandOutcome.Result.BLOCKED)
                ? " (blocked by the rules: nothing sent, state not read, counted as unknown)" : "");
        System.out.printf("success rate:       %.2f %% (target > 98 %%)%n", 100.0 * succeeded / samples.size());
        System.out.printf("unknown outcomes:   %d (final device state not known; target 0)%n", unknown);
        System.out.printf("misreported:        %d (reported state differs from the simulator's relay), %d more "
                + "after late copies could land%n", misreported, lateFlips);
        System.out.printf("latency, all:       %s (including verification; target p50 < 3 s)%n", spread(latencies));
        System.out.printf("latency, succeeded: %s%n", spread(succeededLatencies));
        System.out.printf("latency, failed:    %s (with rollback)%n", spread(failedLatencies));
        System.out.printf("wall time:          %.1f s%n", wall.toMillis() / 1000.0);
        return 0;
    }

    private static String spread(List<Long> latencies) {
        if (latencies.isEmpty()) {
            return "none";
        }
        List<Long> sorted = new ArrayList<>(latencies);
        Collections.sort(sorted);
        return String.format("p50 %d / p95 %d / max %d ms over %d", percentile(sorted, 50), percentile(sorted, 95),
                sorted.get(sorted.size() - 1), sorted.size());
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private record Sample(CommandOutcome outcome, boolean actualOn) {
    }
}
