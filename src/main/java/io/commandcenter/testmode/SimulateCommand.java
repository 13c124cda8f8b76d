package io.commandcenter.testmode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.DoubleConsumer;

import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.simulation.Scenario;
import io.commandcenter.simulation.ScenarioException;
import io.commandcenter.testmode.SimulationOptions.EmergencyStopWindow;

/**
 * {@code java -jar commandcenter.jar simulate --scenario FILE --out DIR [--rules DIR] [--set name=value ...]}:
 * runs the rules in closed loop over a scenario and writes {@code report.json} and {@code report.html}.
 * Pure Java: no database, no web server, no devices.
 */
public final class SimulateCommand {

    private static final String USAGE = """
            usage: simulate --scenario FILE --out DIR [--rules DIR] [--set name=value ...]
                            [--duration P7D] [--emergency-stop PT12H/PT1H ...] [--quiet]
              --scenario        scenario file (simulation/scenarios/*.yaml); falls back to the copy in the jar
              --out             folder for report.json and report.html (created if missing)
              --rules           folder of .drl files (default: rules/, or the copy in the jar)
              --set             override an owner setting, e.g. --set pauseMinersBelow=45 (repeatable)
              --duration        simulated span instead of the scenario's (ISO-8601, e.g. P2D)
              --emergency-stop  hold the emergency stop from OFFSET for LENGTH after the start (repeatable)
              --quiet           no progress output
            settings: %s""".formatted(String.join(", ", SettingsOverrides.NAMES.keySet()));

    private SimulateCommand() {
    }

    public static int run(String[] args) {
        quietLogging();
        return run(args, System.out, System.err);
    }

    /** The rule compiler logs its progress at INFO and style hints at WARN; on the command line they are noise. */
    static void quietLogging() {
        if (org.slf4j.LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
                instanceof ch.qos.logback.classic.Logger root) {
            root.setLevel(ch.qos.logback.classic.Level.ERROR);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        String scenarioFile = null;
        Path outDir = null;
        Path rulesDir = null;
        List<String> sets = new ArrayList<>();
        List<EmergencyStopWindow> stops = new ArrayList<>();
        Duration duration = null;
        boolean quiet = false;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--scenario" -> scenarioFile = value(args, ++i);
                    case "--out" -> outDir = Path.of(value(args, ++i));
                    case "--rules" -> rulesDir = Path.of(value(args, ++i));
                    case "--set" -> sets.add(value(args, ++i));
                    case "--duration" -> duration = Duration.parse(value(args, ++i));
                    case "--emergency-stop" -> stops.add(window(value(args, ++i)));
                    case "--quiet" -> quiet = true;
                    case "--help", "-h" -> {
                        out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (scenarioFile == null || outDir == null) {
                throw new IllegalArgumentException("--scenario and --out are required");
            }
        } catch (IllegalArgumentException | DateTimeParseException e) {
            err.println("simulate: " + e.getMessage());
            err.println(USAGE);
            return 2;
        }
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

    private static EmergencyStopWindow window(String value) {
        String[] parts = value.split("/");
        if (parts.length != 2) {
            throw new IllegalArgumentException("--emergency-stop needs OFFSET/LENGTH such as PT12H/PT1H (was " + value + ")");
        }
        return new EmergencyStopWindow(Duration.parse(parts[0]), Duration.parse(parts[1]));
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    /** Prints every tenth percent on one line, so a long run shows it is moving. */
    private static final class ProgressPrinter implements DoubleConsumer {
        private final PrintStream err;
        private int lastTenth = -1;

        ProgressPrinter(PrintStream err) {
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
