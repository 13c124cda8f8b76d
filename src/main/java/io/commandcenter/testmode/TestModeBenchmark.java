package io.commandcenter.testmode;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.commandcenter.engine.RuleSet;
import io.commandcenter.sitemodel.Scenario;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar commandcenter.jar bench-testmode [--days 365] [--warmup-days 7]}: closed-loop
 * simulation of one site with 10 devices at 1-minute steps over a year with the production rules;
 * prints simulated span, wall time, speed-up over real time and peak heap.
 */
@Command(name = "bench-testmode",
        description = "Test mode benchmark: a year of one site with 10 devices at 1-minute steps, closed loop.")
public final class TestModeBenchmark implements Callable<Integer> {

    /** One site, 10 switched loads (4 miners), 1-minute steps; the span is set by the benchmark. */
    static final String SCENARIO = """
            name: bench-ten-devices
            description: Benchmark site with 10 devices at 1-minute steps
            seed: 42
            start: 2025-01-01T00:00
            timezone: America/Denver
            duration: P365D
            step: PT1M
            site:
              latitude: 39.7
              pvPeakW: 24000
              baseLoadW: 600
              battery: {capacityKwh: 60, nominalVoltage: 48, maxChargeW: 15000, maxDischargeW: 15000, initialSoc: 70, cutoffSoc: 10}
              grid: {connected: false}
            weather: [1.0, 0.8, 0.5, 1.0, 0.9, 0.3, 1.0, 0.95, 0.7, 1.0]
            devices:
              - {name: miner-1, cloudId: a00000000001, channel: 0, type: MINER, ratedPowerW: 1400, initiallyOn: true}
              - {name: miner-2, cloudId: a00000000002, channel: 0, type: MINER, ratedPowerW: 1400, initiallyOn: true}
              - {name: miner-3, cloudId: a00000000003, channel: 0, type: MINER, ratedPowerW: 1400, initiallyOn: true}
              - {name: miner-4, cloudId: a00000000004, channel: 0, type: MINER, ratedPowerW: 1400, initiallyOn: true}
              - {name: well-pump, cloudId: a00000000005, channel: 0, type: PUMP, ratedPowerW: 750, initiallyOn: true, duty: {runFor: PT20M, every: PT2H}}
              - {name: water-heater, cloudId: a00000000006, channel: 0, type: HEATER, ratedPowerW: 2500, initiallyOn: false}
              - {name: shop-lights, cloudId: a00000000007, channel: 0, type: LIGHTING, ratedPowerW: 300, initiallyOn: true}
              - {name: freezer, cloudId: a00000000008, channel: 0, type: OTHER, ratedPowerW: 150, initiallyOn: true, duty: {runFor: PT15M, every: PT1H}}
              - {name: barn-fan, cloudId: a00000000009, channel: 0, type: OTHER, ratedPowerW: 200, initiallyOn: true}
              - {name: ev-charger, cloudId: a0000000000a, channel: 0, type: OTHER, ratedPowerW: 3000, initiallyOn: false}
            """;

    @Spec
    private CommandSpec spec;

    @Option(names = "--days", paramLabel = "N", defaultValue = "365",
            description = "Simulated days measured (default ${DEFAULT-VALUE}).")
    private int days;

    @Option(names = "--warmup-days", paramLabel = "N", defaultValue = "7",
            description = "Simulated days run first, unmeasured (default ${DEFAULT-VALUE}).")
    private int warmupDays;

    @Override
    public Integer call() {
        if (days < 1) {
            throw new ParameterException(spec.commandLine(), "--days must be at least 1 (was " + days + ")");
        }
        if (warmupDays < 0) {
            throw new ParameterException(spec.commandLine(),
                    "--warmup-days must be 0 or more (was " + warmupDays + ")");
        }
        SimulateCommand.quietLogging();
        Scenario scenario = Scenario.parse("bench-ten-devices", SCENARIO);
        long buildStart = System.nanoTime();
        RuleSet rules = RuleSets.fromDirectory(null);
        System.out.printf(Locale.ROOT, "rule set built in %.2f s%n", (System.nanoTime() - buildStart) / 1e9);
        if (warmupDays > 0) {
            RunResult warm = ClosedLoopSimulation.run(scenario, rules, SettingsOverrides.defaults(),
                    SimulationOptions.defaults().withDuration(Duration.ofDays(warmupDays)));
            System.out.printf(Locale.ROOT, "warm-up: %d days in %.2f s%n", warmupDays, warm.wallTime().toNanos() / 1e9);
        }
        resetPeaks();
        double[] liveAfterGc = {0};
        long cpuStart = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
        RunResult result = ClosedLoopSimulation.run(scenario, rules, SettingsOverrides.defaults(),
                SimulationOptions.defaults().withDuration(Duration.ofDays(days))
                        .withProgress(f -> liveAfterGc[0] = Math.max(liveAfterGc[0], afterLastGcMb())));
        double cpuSeconds = (ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - cpuStart) / 1e9;
        var s = result.report().summary();
        System.out.printf(Locale.ROOT, """
                Test mode benchmark: 1 site, %d devices, %d s steps, closed loop with the production rules
                  simulated      %d days (%d steps)
                  wall time      %.2f s  (%.1f µs per step)
                  CPU time       %.2f s  (of the simulating thread; wall time exceeds it when the machine is busy)
                  speed-up       %,.0f× real time  (target ≥ 1,000,000×: %s)
                  peak heap      %.0f MB live after GC; at most %.0f MB including garbage (sum of the heap pools' peaks)
                  actions        %d executed, %d refused, %d safety violations
                """, scenario.devices().size(), s.stepSeconds(), days, s.steps(), result.wallTime().toNanos() / 1e9,
                result.wallTime().toNanos() / 1e3 / s.steps(), cpuSeconds, result.speedUp(),
                result.speedUp() >= 1_000_000 ? "met" : "NOT met", liveAfterGc[0], peakHeapMb(), s.actionCount(),
                s.blockedCount(), s.violationCount());
        return 0;
    }

    private static void resetPeaks() {
        System.gc();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            pool.resetPeakUsage();
        }
    }

    /** Heap still in use after each pool's last collection: the live data, without garbage. */
    private static double afterLastGcMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getCollectionUsage() != null) {
                bytes += pool.getCollectionUsage().getUsed();
            }
        }
        return bytes / 1024.0 / 1024.0;
    }

    /** Sum of the heap pools' peaks since the reset: an upper bound of the peak heap in use. */
    private static double peakHeapMb() {
        long bytes = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                bytes += pool.getPeakUsage().getUsed();
            }
        }
        return bytes / 1024.0 / 1024.0;
    }
}
