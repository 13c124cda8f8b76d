package io.commandcenter.agent;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.sitemodel.ScenarioException;
import io.commandcenter.testmode.ClosedLoopSimulation;
import io.commandcenter.testmode.LiveRules;
import io.commandcenter.testmode.RunResult;
import io.commandcenter.testmode.ScenarioCatalog;
import io.commandcenter.testmode.SettingsOverrides;
import io.commandcenter.testmode.SimulationOptions;
import io.commandcenter.testmode.SimulationReport;

/**
 * "What would happen if I changed a preference?": two closed-loop test-mode runs of one shipped
 * scenario with the live rules, one with the owner's current preferences and one with the change,
 * compared. Same code path as {@code simulate}; nothing outside the simulated site is touched and
 * the live preferences stay as they are.
 */
public class PreferenceDryRun {

    /** Both runs of one dry run; the figures in the answer come from these reports. */
    public record Outcome(String scenarioFile, Scenario scenario, Map<String, String> changes, SiteSettings current,
                          SiteSettings changed, SimulationReport before, SimulationReport after) {
    }

    private final LiveRules live;
    private final String defaultScenario;
    // Each run takes a core for a second or more; chat questions queue rather than pile up on 2 cores.
    private final Semaphore oneAtATime = new Semaphore(1);

    public PreferenceDryRun(LiveRules live, String defaultScenario) {
        this.live = live;
        this.defaultScenario = defaultScenario;
    }

    /**
     * @param changes  settings by test mode's names, e.g. {pauseMinersBelow=60}
     * @param scenario a shipped scenario file, or null for the configured one
     * @throws IllegalArgumentException for an unknown setting or scenario, a bad value or a combination the rules refuse
     */
    public Outcome run(Map<String, String> changes, String scenario) {
        if (changes == null || changes.isEmpty()) {
            throw new IllegalArgumentException("name at least one setting to change; known settings: "
                    + String.join(", ", SettingsOverrides.NAMES.keySet()));
        }
        String file = scenario == null || scenario.isBlank() ? defaultScenario : scenario.strip();
        if (!file.matches("[A-Za-z0-9_-]+\\.(yaml|yml|json)")) {
            throw new IllegalArgumentException("name a scenario file such as summer-week.yaml (was '" + file + "')");
        }
        SiteSettings current = live.settings();
        SiteSettings changed = SettingsOverrides.apply(current, changes);
        Scenario loaded;
        try {
            loaded = Scenario.resolve(ScenarioCatalog.DEFAULT_DIR.resolve(file).toString());
        } catch (ScenarioException e) {
            throw new IllegalArgumentException("scenario " + file + " cannot be loaded: " + e.getMessage());
        }
        RuleSet rules = live.ruleSet();
        try {
            if (!oneAtATime.tryAcquire(2, TimeUnit.MINUTES)) {
                throw new IllegalStateException("another dry run is still running; ask again in a minute");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for another dry run");
        }
        try {
            RunResult before = ClosedLoopSimulation.run(loaded, rules, current, SimulationOptions.defaults());
            RunResult after = ClosedLoopSimulation.run(loaded, rules, changed, SimulationOptions.defaults());
            return new Outcome(file, loaded, new TreeMap<>(changes), current, changed, before.report(), after.report());
        } finally {
            oneAtATime.release();
        }
    }

    /** The shipped scenario a question names ("in a cloudy winter week" → winter-cloudy-week.yaml), else null. */
    public static String scenarioNamedIn(String question) {
        String q = question.toLowerCase(Locale.ROOT);
        List<String> files = ScenarioCatalog.shipped().load().stream().map(ScenarioCatalog.Entry::file).toList();
        for (String file : files) {
            String base = file.replaceFirst("\\.[a-z]+$", "");
            if (q.contains(base) || q.contains(base.replace('-', ' '))) {
                return file;
            }
        }
        // Else a word only one scenario's name has, and not a word every question about settings uses.
        for (String file : files) {
            for (String word : file.replaceFirst("\\.[a-z]+$", "").split("-")) {
                if (word.length() >= 5 && !GENERIC.contains(word) && files.stream().filter(f -> f.contains(word)).count() == 1
                        && q.matches("(?s).*\\b" + word + "\\b.*")) {
                    return file;
                }
            }
        }
        return null;
    }

    private static final Set<String> GENERIC = Set.of("grid", "tied", "heavy");

    // ---- wording ------------------------------------------------------------------------------

    /** The comparison in plain words, every figure from the two reports. */
    static String describe(Outcome o) {
        SimulationReport.Summary a = o.before().summary();
        SimulationReport.Summary b = o.after().summary();
        Map<String, String> now = SettingsOverrides.describe(o.current());
        List<String> changeWords = new ArrayList<>();
        o.changes().keySet().forEach(name -> changeWords.add(name + " " + now.get(name) + " → "
                + b.settings().get(name)));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT,
                "Dry run in test mode (nothing was changed): scenario %s (%s), %s h in %d-min steps with the live rules, "
                        + "current preferences vs %s.%n",
                o.scenarioFile(), a.description(), num(a.simulatedHours()), a.stepSeconds() / 60, String.join(", ", changeWords)));
        out.append(line("Miner pauses", minerPauses(o.before()), minerPauses(o.after()), ""));
        out.append(line("Miner run time", sum(a.minerRunHours()), sum(b.minerRunHours()), " h"));
        out.append(line("Miner energy", miners(a), miners(b), " kWh"));
        out.append(String.format(Locale.ROOT, "- Lowest battery charge: %s → %s%n", extreme(a.minSoc()), extreme(b.minSoc())));
        out.append(line("Hours below the minimum charge", a.hoursBelowMinSoc(), b.hoursBelowMinSoc(), " h"));
        out.append(line("Grid import", a.gridImportKwh(), b.gridImportKwh(), " kWh"));
        out.append(line("Grid export", a.gridExportKwh(), b.gridExportKwh(), " kWh"));
        out.append(line("Load not served (battery empty)", a.unmetKwh(), b.unmetKwh(), " kWh"));
        out.append(line("Automation actions", a.actionCount(), b.actionCount(), ""));
        out.append(line("Refused actions", a.blockedCount(), b.blockedCount(), ""));
        out.append(line("Safety violations", a.violationCount(), b.violationCount(), ""));
        out.append("The live preferences are unchanged; to apply this, change them on the Settings page.");
        return out.toString();
    }

    /** Times the rules switched a miner off (the miners are the devices with run hours). */
    static int minerPauses(SimulationReport report) {
        Set<String> miners = report.summary().minerRunHours().keySet();
        return (int) report.actions().stream().filter(x -> !x.on() && miners.contains(x.device())).count();
    }

    static double sum(Map<String, Double> values) {
        return Math.round(values.values().stream().mapToDouble(Double::doubleValue).sum() * 100) / 100.0;
    }

    static double miners(SimulationReport.Summary s) {
        Map<String, Double> energy = new TreeMap<>(s.energyKwh());
        energy.keySet().retainAll(s.minerRunHours().keySet());
        return sum(energy);
    }

    private static String line(String what, double before, double after, String unit) {
        double delta = Math.round((after - before) * 100) / 100.0;
        String change = delta == 0 ? "no change" : (delta > 0 ? "+" : "") + num(delta) + unit;
        return String.format(Locale.ROOT, "- %s: %s%s → %s%s (%s)%n", what, num(before), unit, num(after), unit, change);
    }

    private static String extreme(SimulationReport.Extreme e) {
        return e == null ? "unknown" : num(e.value()) + " % at " + e.at();
    }

    static String num(double value) {
        if (value == Math.rint(value)) {
            return Long.toString((long) value);
        }
        return String.format(Locale.ROOT, "%.2f", value).replaceFirst("0$", "");
    }
}
