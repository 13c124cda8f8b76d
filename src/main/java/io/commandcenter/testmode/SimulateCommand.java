package io.commandcenter.testmode;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.DoubleConsumer;

import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.sitemodel.ScenarioException;
import io.commandcenter.testmode.SimulationOptions.EmergencyStopWindow;
import picocli.CommandLine.Command;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import picocli.CommandLine.TypeConversionException;

/**
 * {@code java -jar commandcenter.jar simulate --scenario FILE --out DIR [--rules DIR] [--set name=value ...]}:
 * runs the rules in closed loop over a scenario and writes {@code report.json} and {@code report.html}.
 * Pure Java: no database, no web server, no devices.
 */
@Command(name = "simulate",
        description = "Dry-runs the rules in closed loop over a scenario; writes report.json and report.html.")
public final class SimulateCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "FILE", required = true,
            description = "Scenario file (simulation/scenarios/*.yaml); falls back to the copy in the jar.")
    private String scenarioFile;

    @Option(names = "--out", paramLabel = "DIR", required = true,
            description = "Folder for report.json and report.html (created if missing).")
    private Path outDir;

    @Option(names = "--rules", paramLabel = "DIR",
            description = "Folder of .drl files (default: rules/, or the copy in the jar).")
    private Path rulesDir;

    @Option(names = "--set", paramLabel = "name=value", completionCandidates = SettingNames.class,
            description = "Override an owner setting, e.g. --set pauseMinersBelow=45 (repeatable). "
                    + "Settings: ${COMPLETION-CANDIDATES}.")
    private List<String> sets = new ArrayList<>();

    @Option(names = "--duration", paramLabel = "P7D", converter = IsoDuration.class,
            description = "Simulated span instead of the scenario's (ISO-8601, e.g. P2D).")
    private Duration duration;

    @Option(names = "--emergency-stop", paramLabel = "OFFSET/LENGTH", converter = StopWindow.class,
            description = "Hold the emergency stop from OFFSET for LENGTH after the start, e.g. PT12H/PT1H "
                    + "(repeatable).")
    private List<EmergencyStopWindow> stops = new ArrayList<>();

    @Option(names = "--quiet", description = "No progress output.")
    private boolean quiet;

    @Override
    public Integer call() {
        quietLogging();
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        try {
            return simulate(out, err);
        } finally {
            out.flush();
            err.flush();
        }
    }

    /** The rule compiler logs its progress at INFO and style hints at WARN; on the command line they are noise. */
    static void quietLogging() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    /** Runs the parsed options; apart from {@link #call()} so tests keep the logging of the test run. */
    int simulate(PrintWriter out, PrintWriter err) {
        Scenario scenario;
        SiteSettings settings;
        SimulationOptions options;
        try {
            scenario = Scenario.resolve(scenarioFile);
            Map<String, String> overrides = SettingsOverrides.parsePairs(sets);
            settings = SettingsOverrides.apply(SettingsOverrides.defaults(), overrides);
            options = SimulationOptions.defaults().withDuration(duration).withEmergencyStops(stops);
        } catch (ScenarioException | IllegalArgumentException e) {
            err.println("simulate: " + e.getMessage());
            return 2;
        }
        RuleSet rules;
        try {
            if (!quiet) {
                err.println("simulate: building rules from " + (rulesDir == null ? "rules/ (or the jar's copy)" : rulesDir));
            }
            rules = RuleSets.fromDirectory(rulesDir);
        } catch (RuleSets.RuleSetException e) {
            err.println("simulate: " + e.getMessage());
            return 2;
        }
        if (!quiet) {
            err.printf("simulate: scenario '%s', %s of %s steps%n", scenario.name(),
                    duration == null ? scenario.duration() : duration, scenario.step());
            options = options.withProgress(new ProgressPrinter(err));
        }
        RunResult result;
        try {
            result = ClosedLoopSimulation.run(scenario, rules, settings, options);
        } catch (RuleSetFailure e) {
            err.println("simulate: " + e.getMessage());
            return 2;
        }
        try {
            ReportFiles.write(outDir, result.report(), scenario.timezone(), result.wallTime());
        } catch (IOException e) {
            err.println("simulate: cannot write the report to " + outDir + ": " + e.getMessage());
            return 1;
        }
        var s = result.report().summary();
        out.printf(Locale.ROOT, """
                Simulated %s h of '%s' in %.2f s wall time (%,.0f× real time)
                  charge %s %% .. %s %%, %s h below minimum, grid import %s kWh, export %s kWh
                  %d actions, %d refused, %d safety violations, %d alerts
                  wrote %s and %s%n""", Numbers.format(s.simulatedHours()), s.scenario(),
                result.wallTime().toNanos() / 1e9, result.speedUp(), s.minSoc() == null ? "-" : s.minSoc().value(),
                s.maxSoc() == null ? "-" : s.maxSoc().value(), Numbers.format(s.hoursBelowMinSoc()),
                Numbers.format(s.gridImportKwh()), Numbers.format(s.gridExportKwh()), s.actionCount(), s.blockedCount(),
                s.violationCount(), s.alertCount(), outDir.resolve("report.json"), outDir.resolve("report.html"));
        for (SimulationReport.Violation v : result.report().violations()) {
            out.println("  VIOLATION " + v.type() + " at " + v.at() + ": " + v.detail());
        }
        for (SimulationReport.Alert a : result.report().alerts()) {
            out.println("  ALERT " + a.type() + " at " + a.at() + ": " + a.detail());
        }
        return 0;
    }

    /** The setting names, listed in the help of {@code --set}. */
    static final class SettingNames implements Iterable<String> {
        @Override
        public Iterator<String> iterator() {
            return SettingsOverrides.NAMES.keySet().iterator();
        }
    }

    static final class IsoDuration implements ITypeConverter<Duration> {
        @Override
        public Duration convert(String value) {
            try {
                return Duration.parse(value);
            } catch (DateTimeParseException e) {
                throw new TypeConversionException("'" + value + "' is not an ISO-8601 duration such as P2D or PT12H");
            }
        }
    }

    static final class StopWindow implements ITypeConverter<EmergencyStopWindow> {
        @Override
        public EmergencyStopWindow convert(String value) {
            String[] parts = value.split("/");
            if (parts.length != 2) {
                throw new TypeConversionException(
                        "needs two ISO-8601 durations such as PT12H/PT1H (was " + value + ")");
            }
            IsoDuration duration = new IsoDuration();
            try {
                return new EmergencyStopWindow(duration.convert(parts[0]), duration.convert(parts[1]));
            } catch (IllegalArgumentException e) {
                throw new TypeConversionException(e.getMessage() + " (was " + value + ")");
            }
        }
    }

    /** Prints every tenth percent on one line, so a long run shows it is moving. */
    private static final class ProgressPrinter implements DoubleConsumer {
        private final PrintWriter err;
        private int lastTenth = -1;

        ProgressPrinter(PrintWriter err) {
            this.err = err;
        }

        @Override
        public void accept(double fraction) {
            int tenth = (int) Math.floor(fraction * 10);
            if (tenth != lastTenth) {
                lastTenth = tenth;
                err.print(tenth == 10 ? "100%\n" : tenth * 10 + "% ");
                err.flush();
            }
        }
    }

    /** Writes both report files into a folder. */
    static final class ReportFiles {
        private ReportFiles() {
        }

        static void write(Path dir, SimulationReport report, ZoneId zone, Duration wallTime)
                throws IOException {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("report.json"), ReportJson.write(report), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve("report.html"), ReportHtml.render(report, zone, wallTime),
                    StandardCharsets.UTF_8);
        }
    }
}
