package io.commandcenter.testmode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.commandcenter.engine.RuleSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar commandcenter.jar bench-gate [--rounds 3]}: the activation gate's wall time with the
 * production rules over the shipped scenarios, uncached, next to the work the gate did before it ran the
 * shifted dates and the property checks (each scenario once as written, one after the other).
 */
@Command(name = "bench-gate",
        description = "Activation gate benchmark: the gate's wall time over the shipped scenarios, uncached.")
public final class GateBenchmark implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Measured rounds (default ${DEFAULT-VALUE}).")
    private int rounds;

    @Override
    public Integer call() {
        if (rounds < 1) {
            throw new ParameterException(spec.commandLine(), "--rounds must be at least 1 (was " + rounds + ")");
        }
        long built = System.nanoTime();
        RuleSet rules = RuleSets.fromDirectory(RuleSets.DEFAULT_DIR);
        System.out.printf(Locale.ROOT, "rule set built in %.2f s%n", (System.nanoTime() - built) / 1e9);
        var settings = SettingsOverrides.defaults();
        List<ScenarioCatalog.Entry> entries = ScenarioCatalog.shipped().load();
        // Warm-up (JIT) with one full gate, then the measured rounds.
        new ScenarioSafetyGate(ScenarioCatalog.shipped()).check(rules, settings);
        List<Long> asWritten = new ArrayList<>();
        List<Long> gate = new ArrayList<>();
        ScenarioSafetyGate.GateResult last = null;
        for (int r = 0; r < rounds; r++) {
            long start = System.nanoTime();
            for (ScenarioCatalog.Entry e : entries) {
                if (e.scenario() != null) {
                    ClosedLoopSimulation.run(e.scenario(), rules, settings,
                            SimulationOptions.defaults().withEmergencyStops(List.of(ScenarioSafetyGate.DRILL)));
                }
            }
            asWritten.add(System.nanoTime() - start);
            start = System.nanoTime();
            last = new ScenarioSafetyGate(ScenarioCatalog.shipped()).check(rules, settings);
            gate.add(System.nanoTime() - start);
        }
        Duration writtenSpan = Duration.ZERO, shiftedSpan = Duration.ZERO;
        for (ScenarioCatalog.Entry e : entries) {
            if (e.scenario() != null) {
                writtenSpan = writtenSpan.plus(e.scenario().duration());
                Duration s = e.scenario().duration().compareTo(ScenarioSafetyGate.SHIFTED_SPAN) < 0
                        ? e.scenario().duration() : ScenarioSafetyGate.SHIFTED_SPAN;
                shiftedSpan = shiftedSpan.plus(s.multipliedBy(2));
            }
        }
        System.out.printf(Locale.ROOT, "Gate benchmark: %d scenarios, %d runs (%d simulated days as written + %d shifted),"
                        + " %d property checks, %d cores%n", entries.size(), last.scenarios().size(), writtenSpan.toDays(),
                shiftedSpan.toDays(), last.properties(), Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "  as written only, one after the other (the earlier gate's work): %s s%n",
                seconds(asWritten));
        System.out.printf(Locale.ROOT, "  full gate (as written + today + a year ahead + properties):   %s s%n",
                seconds(gate));
        System.out.println("  result: " + last.message().lines().findFirst().orElse(""));
        return 0;
    }

    private static String seconds(List<Long> nanos) {
        List<String> each = nanos.stream().map(n -> String.format(Locale.ROOT, "%.2f", n / 1e9)).toList();
        return String.join(" / ", each);
    }
}
