package io.commandcenter.testmode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.testmode.SimulationOptions.EmergencyStopWindow;
import io.commandcenter.testmode.SimulationReport.Violation;

/**
 * The check before a rule set goes live: it runs in closed loop over every shipped scenario, with
 * a one-hour emergency-stop drill twelve hours in, and passes only if no scenario shows a safety
 * violation (charge below critical while a controllable load is on, a device switched within its
 * cooldown, an automated action during the emergency stop). Pure Java; the engine's activation
 * calls {@link #check} and refuses the rule set with {@link GateResult#message()} when it fails.
 */
public final class ScenarioSafetyGate {

    /** The emergency stop is held for an hour, twelve hours into every scenario (midday for the shipped ones). */
    static final EmergencyStopWindow DRILL = new EmergencyStopWindow(Duration.ofHours(12), Duration.ofHours(1));

    private final ScenarioCatalog catalog;

    public ScenarioSafetyGate(ScenarioCatalog catalog) {
        this.catalog = catalog;
    }

    /** The gate over {@code simulation/scenarios/} (or the jar's copy). */
    public static ScenarioSafetyGate shipped() {
        return new ScenarioSafetyGate(ScenarioCatalog.shipped());
    }

    /** One scenario's outcome; {@code error} is set when the scenario could not be run at all. */
    public record ScenarioOutcome(String file, String scenario, int actions, Double minSoc,
                                  List<Violation> violations, String error) {
        public boolean passed() {
            return error == null && violations.isEmpty();
        }
    }

    /** A failing scenario and the violation it showed. */
    public record Failure(String file, String scenario, Violation violation, String error) {
        public String describe() {
            return error != null ? file + ": " + error
                    : "scenario '" + scenario + "' (" + file + "): " + violation.type() + " at " + violation.at()
                    + ": " + violation.detail();
        }
    }

    public record GateResult(List<ScenarioOutcome> scenarios, List<Failure> failures) {

        public boolean passed() {
            return failures.isEmpty() && !scenarios.isEmpty();
        }

        /** For an activation refusal: every failing scenario and violation, one per line. */
        public String message() {
            if (scenarios.isEmpty()) {
                return "no scenarios to check the rule set against";
            }
            if (failures.isEmpty()) {
                return "passed " + scenarios.size() + " scenarios with no safety violation";
            }
            return "refused: " + failures.size() + " safety violation" + (failures.size() == 1 ? "" : "s") + "\n"
                    + failures.stream().map(f -> "  " + f.describe()).collect(Collectors.joining("\n"));
        }
    }

    public GateResult check(RuleSet candidate, SiteSettings settings) {
        List<ScenarioOutcome> outcomes = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        for (ScenarioCatalog.Entry entry : catalog.load()) {
            if (entry.scenario() == null) {
                outcomes.add(new ScenarioOutcome(entry.file(), null, 0, null, List.of(), entry.error()));
                failures.add(new Failure(entry.file(), null, null, entry.error()));
                continue;
            }
            RunResult run = ClosedLoopSimulation.run(entry.scenario(), candidate, settings,
                    SimulationOptions.defaults().withEmergencyStops(List.of(DRILL)));
            var summary = run.report().summary();
            List<Violation> violations = run.report().violations();
            outcomes.add(new ScenarioOutcome(entry.file(), entry.scenario().name(), summary.actionCount(),
                    summary.minSoc() == null ? null : summary.minSoc().value(), violations, null));
            for (Violation v : violations) {
                failures.add(new Failure(entry.file(), entry.scenario().name(), v, null));
            }
        }
        return new GateResult(List.copyOf(outcomes), List.copyOf(failures));
    }
}
