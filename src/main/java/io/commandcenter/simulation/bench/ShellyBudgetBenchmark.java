package io.commandcenter.simulation.bench;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;

import io.commandcenter.ingest.shelly.ShellyApi;
import io.commandcenter.ingest.shelly.ShellyBudgetProbe;
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
 * [--command-every 5]}. The polling and counting is ingest's {@link ShellyBudgetProbe}, against the first relay of the
 * simulator's scenario.
 */
@Command(name = "bench-shelly",
        description = "Shelly account budget: polls and relay commands against the real 1 request/s limit.")
public final class ShellyBudgetBenchmark implements Callable<Integer> {

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
            // no faults, but Shelly's real limit of one request per second
            sim.faults().set(Faults.none());
            List<String> ids = sim.scenario().devices().stream().map(Scenario.DeviceSpec::cloudId).distinct().toList();
            Scenario.DeviceSpec relay = sim.scenario().devices().get(0);
            ShellyBudgetProbe.Figures f = ShellyBudgetProbe.measure(sim.shellyBaseUri(),
                    sim.credentials().shellyAuthKey(), api, ids, relay.cloudId(), relay.channel(),
                    Duration.ofSeconds(seconds), Duration.ofSeconds(commandEvery));
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
}
