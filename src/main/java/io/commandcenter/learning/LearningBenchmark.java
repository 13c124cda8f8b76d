package io.commandcenter.learning;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import io.commandcenter.engine.RuleSet;
import io.commandcenter.testmode.RuleSets;
import io.commandcenter.testmode.ScenarioCatalog;
import io.commandcenter.testmode.ScenarioSafetyGate;
import io.commandcenter.testmode.SettingsOverrides;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar commandcenter.jar bench-learning [--histories 50] [--gate 2]}: synthetic 60-day histories with five
 * planted habits (threshold approvals, a time-of-day habit, a weekday habit, overrides, a mode-dependent habit),
 * noise and contradicting answers; the learner runs on each and the command prints recall, precision, the
 * calibration of confidence by band, the time to analyse one history, and how many suggested rules the scenario
 * safety gate refuses.
 */
@Command(name = "bench-learning",
        description = "Learning benchmark: recall, precision and calibration over synthetic histories, and its speed.")
public final class LearningBenchmark implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--histories", paramLabel = "N", defaultValue = "50",
            description = "Synthetic 60-day histories (default ${DEFAULT-VALUE}).")
    private int histories;

    @Option(names = "--gate", paramLabel = "N", defaultValue = "2",
            description = "Histories whose suggested rules go through the scenario safety gate (default ${DEFAULT-VALUE}).")
    private int gated;

    @Override
    public Integer call() {
        if (histories < 1) {
            throw new ParameterException(spec.commandLine(), "--histories must be at least 1 (was " + histories + ")");
        }
        if (gated < 0) {
            throw new ParameterException(spec.commandLine(), "--gate must be 0 or more (was " + gated + ")");
        }
        Instant end = Instant.parse("2026-06-30T00:00:00Z");
        int planted = 0, found = 0, offered = 0, correct = 0;
        double[] bands = {0, 0.4, 0.6, 0.8, 1.0001};
        int[] inBand = new int[4];
        int[] rightInBand = new int[4];
        List<Long> nanos = new ArrayList<>();
        List<List<Learner.Candidate>> toGate = new ArrayList<>();
        for (int h = 0; h < histories; h++) {
            SyntheticHistory history = new SyntheticHistory(1000 + h, end);
            Learner.candidates(history.observations, end); // warm
            long start = System.nanoTime();
            List<Learner.Candidate> candidates = Learner.candidates(history.observations, end);
            nanos.add(System.nanoTime() - start);
            planted += history.habits.size();
            for (SyntheticHistory.Habit habit : history.habits) {
                if (candidates.stream().anyMatch(c -> c.key().equals(habit.key()) && habit.right().test(c))) {
                    found++;
                }
            }
            for (Learner.Candidate c : candidates) {
                offered++;
                boolean right = history.habits.stream().anyMatch(x -> x.key().equals(c.key()) && x.right().test(c));
                correct += right ? 1 : 0;
                for (int b = 0; b < 4; b++) {
                    if (c.confidence() >= bands[b] && c.confidence() < bands[b + 1]) {
                        inBand[b]++;
                        rightInBand[b] += right ? 1 : 0;
                    }
                }
            }
            if (h < gated) {
                toGate.add(candidates);
            }
        }
        nanos.sort(null);
        System.out.printf(Locale.ROOT, "histories: %d (60 days each, %d planted habits in all)%n", histories, planted);
        System.out.printf(Locale.ROOT, "recall:    %.1f %% (%d of %d planted habits found with the right bands)%n",
                100.0 * found / planted, found, planted);
        System.out.printf(Locale.ROOT, "precision: %.1f %% (%d of %d suggestions right)%n",
                offered == 0 ? 0 : 100.0 * correct / offered, correct, offered);
        String[] names = {"0.00-0.40", "0.40-0.60", "0.60-0.80", "0.80-1.00"};
        for (int b = 0; b < 4; b++) {
            System.out.printf(Locale.ROOT, "confidence %s: %d suggestions, %s right%n", names[b], inBand[b],
                    inBand[b] == 0 ? "-" : String.format(Locale.ROOT, "%.1f %%", 100.0 * rightInBand[b] / inBand[b]));
        }
        System.out.printf(Locale.ROOT, "analysis of one history: median %.2f ms, max %.2f ms%n",
                nanos.get(nanos.size() / 2) / 1e6, nanos.get(nanos.size() - 1) / 1e6);
        if (!toGate.isEmpty()) {
            RuleSet live = RuleSets.fromDirectory(RuleSets.DEFAULT_DIR);
            ScenarioSafetyGate gate = new ScenarioSafetyGate(ScenarioCatalog.shipped());
            int rules = 0, refused = 0;
            for (List<Learner.Candidate> candidates : toGate) {
                for (Learner.Candidate c : candidates) {
                    if (c.rule() != null) {
                        rules++;
                        var result = gate.check(live.withIfThenRules(List.of(c.rule())), SettingsOverrides.defaults());
                        refused += result.failures().isEmpty() ? 0 : 1;
                    }
                }
            }
            System.out.printf(Locale.ROOT, "safety gate: %d suggested rules checked, %d refused%n", rules, refused);
        }
        return 0;
    }
}
