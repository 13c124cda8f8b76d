package io.commandcenter.control;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import io.commandcenter.CommandCenterApplication;
import io.commandcenter.device.DeviceService;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.simulation.Faults;
import io.commandcenter.simulation.SiteState;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * {@code bench-control}: runs manual commands through the full control pipeline (rules, lock,
 * send, verify, retry, roll back) against the embedded simulator while it injects cloud timeouts
 * and silent relay failures, then prints the success rate, the count of outcomes whose device
 * state is unknown or misreported, and latency percentiles.
 * <p>
 * Options: {@code --commands 1000 --timeouts 0.10 --silent 0.05 --db-url jdbc:postgresql://...}
 */
public final class ControlBenchmark {

    private ControlBenchmark() {
    }

    public static int run(String[] args) {
        int total = 1000;
        double timeouts = 0.10;
        double silent = 0.05;
        String dbUrl = "jdbc:postgresql://127.0.0.1:5432/commandcenter_bench";
        for (int i = 0; i + 1 < args.length; i += 2) {
            switch (args[i]) {
                case "--commands" -> total = Integer.parseInt(args[i + 1]);
                case "--timeouts" -> timeouts = Double.parseDouble(args[i + 1]);
                case "--silent" -> silent = Double.parseDouble(args[i + 1]);
                case "--db-url" -> dbUrl = args[i + 1];
                default -> {
                    System.err.println("Unknown option " + args[i]);
                    return 2;
                }
            }
        }
        Map<String, Object> properties = new java.util.LinkedHashMap<>();
        properties.put("spring.datasource.url", dbUrl);
        properties.put("commandcenter.simulator.enabled", "true");
        properties.put("commandcenter.simulator.speed", "0");
        properties.put("commandcenter.shelly.rate-limit", "1000");
        // The simulator's cloud is unlimited here: no pacing to one call per second.
        properties.put("commandcenter.shelly.call.read-timeout", "400ms");
        properties.put("commandcenter.shelly.call.initial-backoff", "50ms");
        properties.put("commandcenter.control.verify-timeout", "1s");
        properties.put("commandcenter.control.verify-interval", "100ms");
        properties.put("commandcenter.control.backoff", "100ms");
        properties.put("commandcenter.control.slow-send", "300ms");
        properties.put("commandcenter.control.settle", "1200ms");
        properties.put("logging.level.root", "WARN");
        try (ConfigurableApplicationContext context = new SpringApplicationBuilder(CommandCenterApplication.class)
                .web(WebApplicationType.NONE)
                .properties(properties)
                .run()) {
            return measure(context, total, timeouts, silent);
        } catch (Exception e) {
            System.err.println("bench-control failed: " + e.getMessage());
            return 1;
        }
    }

    private static int measure(ConfigurableApplicationContext context, int total, double timeouts, double silent)
            throws Exception {
        CommandService commands = context.getBean(CommandService.class);
        EmbeddedSimulator simulator = context.getBean(EmbeddedSimulator.class);
        context.getBean(DeviceService.class).discover();
        List<String> devices = simulator.simulator().scenario().devices().stream()
                .map(d -> d.name()).toList();
        // Wait for the first Shelly poll, so the rules know every device's state.
        Thread.sleep(5_000);
        simulator.simulator().faults().set(Faults.noneAndUnlimited()
                .withShellyCloud(Faults.Api.NONE.withTimeouts(timeouts, Duration.ofSeconds(1)))
                .withRelayIgnoreProbability(silent));

        System.out.printf("bench-control: %d manual commands over %d devices, %.0f%% cloud timeouts, "
                + "%.0f%% silent relay failures%n", total, devices.size(), timeouts * 100, silent * 100);
        ExecutorService pool = Executors.newFixedThreadPool(devices.size());
        List<Future<List<Sample>>> futures = new ArrayList<>();
        long started = System.nanoTime();
        int perDevice = (total + devices.size() - 1) / devices.size();
        for (String device : devices) {
            futures.add(pool.submit(() -> {
                List<Sample> samples = new ArrayList<>();
                for (int i = 0; i < perDevice && samples.size() < perDevice; i++) {
                    boolean on = i % 2 == 0;
                    CommandOutcome outcome = commands.execute(ActionRequest.of(device, on, Source.MANUAL,
                            "bench", "bench-control", Instant.now()));
                    SiteState.Device truth = simulator.simulator().state().device(device).orElseThrow();
                    samples.add(new Sample(outcome, truth.on()));
                }
                return samples;
            }));
        }
        List<Sample> samples = new ArrayList<>();
        for (Future<List<Sample>> f : futures) {
            samples.addAll(f.get());
        }
        pool.shutdown();
        Duration wall = Duration.ofNanos(System.nanoTime() - started);
        samples = samples.subList(0, Math.min(total, samples.size()));

        Map<CommandOutcome.Result, Integer> byResult = new EnumMap<>(CommandOutcome.Result.class);
        int unknown = 0;
        int misreported = 0;
        List<Long> latencies = new ArrayList<>();
        for (Sample s : samples) {
            byResult.merge(s.outcome().result(), 1, Integer::sum);
            latencies.add(s.outcome().latencyMs());
            if (s.outcome().finalOn() == null) {
                unknown++;
            } else if (s.outcome().finalOn() != s.actualOn()) {
                misreported++;
            }
        }
        Collections.sort(latencies);
        int succeeded = byResult.getOrDefault(CommandOutcome.Result.SUCCEEDED, 0);
        System.out.printf("results:            %s%n", byResult);
        System.out.printf("success rate:       %.2f %% (target > 98 %%)%n", 100.0 * succeeded / samples.size());
        System.out.printf("unknown outcomes:   %d (final device state not known; target 0)%n", unknown);
        System.out.printf("misreported:        %d (reported state differs from the simulator's relay)%n", misreported);
        System.out.printf("latency p50 / p95 / max: %d / %d / %d ms (including verification)%n",
                percentile(latencies, 50), percentile(latencies, 95), latencies.get(latencies.size() - 1));
        System.out.printf("wall time:          %.1f s%n", wall.toMillis() / 1000.0);
        return 0;
    }

    private static long percentile(List<Long> sorted, int p) {
        int index = (int) Math.ceil(p / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    private record Sample(CommandOutcome outcome, boolean actualOn) {
    }
}
