package io.commandcenter.ingest.shelly;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

import io.commandcenter.ingest.CallSettings;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.simulation.SiteSimulator;
import io.commandcenter.sitemodel.Faults;
import io.commandcenter.sitemodel.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code bench-shelly}: polls and relay commands of one Shelly account at real speed against the simulator's real
 * limit (1 request/s, 429 beyond), no try repeated, and prints what got through: 429s (target 0), polls complete or
 * cut short, commands and how long they waited. {@code java -jar … bench-shelly [--seconds 120] [--api v2|v1]
 * [--command-every 5]}.
 */
@org.springframework.modulith.NamedInterface("benchmarks") // started by the command line in the root package
@Command(name = "bench-shelly",
        description = "Shelly account budget: polls and relay commands against the real 1 request/s limit.")
public final class ShellyBudgetBenchmark implements Callable<Integer> {

    /**
     * @param tooManyRequests 429 answers seen by any call
     * @param pollsComplete   poll rounds that read every device
     * @param pollsCut        poll rounds that got no turn for part (or all) of their requests
     * @param commands        commands (read, switch, read back) that ended with the relay as asked
     * @param commandsFailed  commands that failed for any other reason
     * @param requests        requests the budget let through
     * @param commandMillis   duration of each command, ms, sorted
     */
    public record Figures(int tooManyRequests, int pollsComplete, int pollsCut, int commands, int commandsFailed,
                          long requests, List<Long> commandMillis, long elapsedMillis) {

        long percentile(double p) {
            return commandMillis.isEmpty() ? 0 : commandMillis.get((int) Math.min(commandMillis.size() - 1,
                    Math.floor(p * commandMillis.size())));
        }
    }

    @Spec
    private CommandSpec spec;

    @Option(names = "--seconds", paramLabel = "SECONDS", defaultValue = "120",
            description = "Length of the run (default ${DEFAULT-VALUE}).")
    private long seconds;

    @Option(names = "--api", paramLabel = "v2|v1", defaultValue = "v2",
            description = "Shelly Cloud API to speak, v2 or v1 (default ${DEFAULT-VALUE}).")
    private ShellyApi api;

    @Option(names = "--command-every", paramLabel = "SECONDS", defaultValue = "5",
            description = "Seconds between relay commands (default ${DEFAULT-VALUE}).")
    private long commandEvery;

    @Override
    public Integer call() {
        if (seconds < 1) {
            throw new ParameterException(spec.commandLine(), "--seconds must be at least 1 (was " + seconds + ")");
        }
        if (commandEvery < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--command-every must be 0 or more (was " + commandEvery + ")");
        }
        try (SiteSimulator sim = SiteSimulator.manual(Scenario.resolve("summer-week.yaml")).start(0)) {
            Figures f = measure(sim, api, Duration.ofSeconds(seconds), Duration.ofSeconds(commandEvery));
            System.out.printf("bench-shelly: %s API, %d s, polls back to back, a command every %d s, limit 1 request/s%n",
                    api, seconds, commandEvery);
            System.out.printf("  429 answers            %d (target 0)%n", f.tooManyRequests());
            System.out.printf("  requests               %d (%.2f/s)%n", f.requests(), f.requests() * 1000.0 / f.elapsedMillis());
            System.out.printf("  poll rounds            %d complete, %d cut short for commands%n", f.pollsComplete(), f.pollsCut());
            System.out.printf("  commands               %d as asked, %d failed%n", f.commands(), f.commandsFailed());
            System.out.printf("  command p50 / p95 / max %d / %d / %d ms (read, switch, read back)%n",
                    f.percentile(0.5), f.percentile(0.95), f.percentile(1.0));
            return f.tooManyRequests() == 0 ? 0 : 1;
        }
    }

    /** Runs polls back to back and a command every {@code commandEvery} on {@code sim}'s first relay for {@code length}. */
    public static Figures measure(SiteSimulator sim, ShellyApi api, Duration length, Duration commandEvery) {
        sim.faults().set(Faults.none());
        var client = new ShellyCloudClient(sim.shellyBaseUri(), sim.credentials().shellyAuthKey(), api,
                CallSettings.defaults().withRetries(1, Duration.ofMillis(10)),
                ShellyCloudClient.budgetFor(1, Duration.ofSeconds(1)), Clock.systemUTC());
        List<String> ids = sim.scenario().devices().stream().map(Scenario.DeviceSpec::cloudId).distinct().toList();
        String relay = sim.scenario().devices().get(0).cloudId();
        int channel = sim.scenario().devices().get(0).channel();
        long started = System.nanoTime();
        long until = started + length.toNanos();
        AtomicInteger tooMany = new AtomicInteger();
        AtomicInteger pollsComplete = new AtomicInteger();
        AtomicInteger pollsCut = new AtomicInteger();
        AtomicInteger commands = new AtomicInteger();
        AtomicInteger commandsFailed = new AtomicInteger();
        List<Long> commandMillis = Collections.synchronizedList(new ArrayList<>());

        CompletableFuture<Void> poller = CompletableFuture.runAsync(() -> {
            while (System.nanoTime() < until) {
                try {
                    (client.statuses(ids).size() == ids.size() ? pollsComplete : pollsCut).incrementAndGet();
                } catch (CloudException e) {
                    (e.status() == 429 ? tooMany : pollsCut).incrementAndGet();
                }
            }
        });
        CompletableFuture<Void> operator = CompletableFuture.runAsync(() -> {
            boolean on = false;
            while (System.nanoTime() < until) {
                long commandStarted = System.nanoTime();
                try {
                    // a command as the control pipeline does it: read, send, read back
                    client.status(relay);
                    client.setRelay(relay, channel, on);
                    boolean asked = on;
                    boolean done = client.status(relay).channel(channel).map(c -> Boolean.valueOf(asked).equals(c.on()))
                            .orElse(false);
                    (done ? commands : commandsFailed).incrementAndGet();
                    commandMillis.add(Duration.ofNanos(System.nanoTime() - commandStarted).toMillis());
                } catch (CloudException e) {
                    (e.status() == 429 ? tooMany : commandsFailed).incrementAndGet();
                }
                on = !on;
                try {
                    Thread.sleep(commandEvery.toMillis());
                } catch (InterruptedException e) {
                    return;
                }
            }
        });
        CompletableFuture.allOf(poller, operator).join();
        List<Long> sorted = new ArrayList<>(commandMillis);
        Collections.sort(sorted);
        return new Figures(tooMany.get(), pollsComplete.get(), pollsCut.get(), commands.get(), commandsFailed.get(),
                client.budget().turnsTaken(), List.copyOf(sorted), Duration.ofNanos(System.nanoTime() - started).toMillis());
    }
}
