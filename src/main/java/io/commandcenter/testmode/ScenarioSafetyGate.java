package io.commandcenter.testmode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.stream.Collectors;

import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.testmode.SimulationOptions.EmergencyStopWindow;
import io.commandcenter.testmode.SimulationReport.Violation;
import org.springframework.core.task.SimpleAsyncTaskExecutor;

/**
 * The check before a rule set goes live. Every shipped scenario runs in closed loop, with a one-hour
 * emergency-stop drill twelve hours in, three times: as written, and shifted to today and to a year ahead
 * (the first {@link #SHIFTED_SPAN} of each), so rules conditioned on the date cannot pass on the scenarios'
 * old dates alone. Then {@link RuleSetProperties} checks the shipped safety and pause behaviour directly at
 * the present time. It passes only when no run shows a safety violation, no property is broken and no rule
 * threw. Pure Java; the engine's activation and validation call {@link #check}. The runs are independent and go to
 * the given executor (in the application the Spring-managed {@code safetyGateExecutor}, one thread per core).
 */
public final class ScenarioSafetyGate {

    /** The emergency stop is held for an hour, twelve hours into every scenario (midday for the shipped ones). */
    static final EmergencyStopWindow DRILL = new EmergencyStopWindow(Duration.ofHours(12), Duration.ofHours(1));

    /**
     * How much of a scenario the shifted runs cover: two days hold a night, a day and the drill, and keep the
     * gate within seconds (the full runs stay on the written dates).
     */
    static final Duration SHIFTED_SPAN = Duration.ofHours(48);

    private static final int CACHED = 8;

    private final ScenarioCatalog catalog;
    private final Clock clock;
    private final Executor workers;
    // Same rules, settings, scenarios and day give the same result (every run is deterministic): validate and
    // then activate the same rules pays for the gate once.
    private final Map<String, GateResult> cache = new LinkedHashMap<>(16, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, GateResult> eldest) {
            return size() > CACHED;
        }
    };

    /** Outside the application (tests, benchmarks): a thread per run, as many at once as there are cores. */
    public ScenarioSafetyGate(ScenarioCatalog catalog) {
        this(catalog, Clock.systemUTC());
    }

    public ScenarioSafetyGate(ScenarioCatalog catalog, Clock clock) {
        this(catalog, clock, threadPerRun());
    }

    public ScenarioSafetyGate(ScenarioCatalog catalog, Clock clock, Executor workers) {
        this.catalog = catalog;
        this.clock = clock;
        this.workers = workers;
    }

    /** The gate over {@code simulation/scenarios/} (or the jar's copy), its runs on the given executor. */
    public static ScenarioSafetyGate shipped(Executor workers) {
        return new ScenarioSafetyGate(ScenarioCatalog.shipped(), Clock.systemUTC(), workers);
    }

    private static Executor threadPerRun() {
        SimpleAsyncTaskExecutor threads = new SimpleAsyncTaskExecutor("safety-gate-");
        threads.setDaemon(true);
        threads.setConcurrencyLimit(Runtime.getRuntime().availableProcessors());
        return threads;
    }

    /**
     * One run's outcome; {@code error} is set when the scenario could not be loaded or a rule threw.
     *
     * @param variant "as written", "shifted to 2026-12-02, first 48 h", …
     */
    public record ScenarioOutcome(String file, String scenario, String variant, int actions, Double minSoc,
                                  List<Violation> violations, String error) {
        public boolean passed() {
            return error == null && violations.isEmpty();
        }
    }

    /** A failing run and the violation it showed, a rule that threw, or a property that no longer holds. */
    public record Failure(String file, String scenario, String variant, Violation violation, String error) {
        public String describe() {
            if (error != null) {
                return file == null ? error : file + (variant == null || variant.equals(AS_WRITTEN) ? "" : " (" + variant
                        + ")") + ": " + error;
            }
            return "scenario '" + scenario + "' (" + file + (variant.equals(AS_WRITTEN) ? "" : ", " + variant) + "): "
                    + violation.type() + " at " + violation.at() + ": " + violation.detail();
        }
    }

    static final String AS_WRITTEN = "as written";

    public record GateResult(List<ScenarioOutcome> scenarios, List<Failure> failures, int properties,
                             Duration wallTime) {

        public boolean passed() {
            return failures.isEmpty() && !scenarios.isEmpty();
        }

        /** For an activation refusal: every failing run and property, one per line. */
        public String message() {
            if (scenarios.isEmpty()) {
                return "no scenarios to check the rule set against";
            }
            if (failures.isEmpty()) {
                return "passed " + scenarios.size() + " scenario runs and " + properties
                        + " property checks with no safety violation in " + wallTime.toMillis() + " ms";
            }
            return "refused: " + failures.size() + " safety failure" + (failures.size() == 1 ? "" : "s") + "\n"
                    + failures.stream().map(f -> "  " + f.describe()).collect(Collectors.joining("\n"));
        }
    }

    public GateResult check(RuleSet candidate, SiteSettings settings) {
        Instant now = clock.instant();
        List<ScenarioCatalog.Entry> entries = catalog.load();
        String key = candidate.contentHash() + "|" + settings + "|" + LocalDate.ofInstant(now, ZoneOffset.UTC) + "|"
                + entries.hashCode();
        synchronized (cache) {
            GateResult known = cache.get(key);
            if (known != null) {
                return known;
            }
        }
        GateResult result = run(candidate, settings, entries, now);
        synchronized (cache) {
            cache.put(key, result);
        }
        return result;
    }

    private record Run(ScenarioCatalog.Entry entry, Scenario scenario, String variant, SimulationOptions options) {
    }

    private GateResult run(RuleSet candidate, SiteSettings settings, List<ScenarioCatalog.Entry> entries, Instant now) {
        long wallStart = System.nanoTime();
        List<ScenarioOutcome> outcomes = new ArrayList<>();
        List<Failure> failures = new ArrayList<>();
        List<Run> runs = new ArrayList<>();
        SimulationOptions drill = SimulationOptions.defaults().withEmergencyStops(List.of(DRILL));
        for (ScenarioCatalog.Entry entry : entries) {
            Scenario s = entry.scenario();
            if (s == null) {
                outcomes.add(new ScenarioOutcome(entry.file(), null, AS_WRITTEN, 0, null, List.of(), entry.error()));
                failures.add(new Failure(entry.file(), null, AS_WRITTEN, null, entry.error()));
                continue;
            }
            runs.add(new Run(entry, s, AS_WRITTEN, drill));
            Duration span = s.duration().compareTo(SHIFTED_SPAN) < 0 ? s.duration() : SHIFTED_SPAN;
            for (int years = 0; years <= 1; years++) {
                Instant start = shiftedStart(s, now, years);
                String variant = "shifted to " + LocalDate.ofInstant(start, s.timezone())
                        + (span.equals(s.duration()) ? "" : ", first " + span.toHours() + " h");
                runs.add(new Run(entry, s.withStart(start), variant, drill.withDuration(span)));
            }
        }
        // Runs are independent (one session each on the shared, thread-safe KieBase): they run side by side.
        List<CompletableFuture<RunResult>> results = new ArrayList<>();
        try {
            for (Run run : runs) {
                results.add(CompletableFuture.supplyAsync(
                        () -> ClosedLoopSimulation.run(run.scenario(), candidate, settings, run.options()), workers));
            }
            for (int i = 0; i < runs.size(); i++) {
                Run run = runs.get(i);
                String file = run.entry().file();
                try {
                    RunResult result = results.get(i).get();
                    var summary = result.report().summary();
                    List<Violation> violations = RunRecorder.rulesViolations(result.report().violations());
                    outcomes.add(new ScenarioOutcome(file, run.scenario().name(), run.variant(), summary.actionCount(),
                            summary.minSoc() == null ? null : summary.minSoc().value(), violations, null));
                    for (Violation v : violations) {
                        failures.add(new Failure(file, run.scenario().name(), run.variant(), v, null));
                    }
                } catch (ExecutionException e) {
                    String error = e.getCause() instanceof RuleSetFailure f ? f.getMessage()
                            : "the run failed: " + RuleSetFailure.rootCause(e.getCause());
                    outcomes.add(new ScenarioOutcome(file, run.scenario().name(), run.variant(), 0, null, List.of(), error));
                    failures.add(new Failure(file, run.scenario().name(), run.variant(), null, error));
                }
            }
        } catch (InterruptedException e) {
            results.forEach(r -> r.cancel(false)); // runs not started yet are skipped
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running the safety gate", e);
        }
        List<Instant> times = List.of(now, now.atZone(ZoneOffset.UTC).plusYears(1).toInstant());
        RuleSetProperties properties = new RuleSetProperties(candidate, settings, propertyZone(entries));
        int checked = 0;
        try {
            for (RuleSetProperties.Broken b : properties.check(times)) {
                failures.add(new Failure(null, null, null, null, b.describe()));
            }
            checked = times.size();
        } catch (RuleSetFailure e) {
            failures.add(new Failure(null, null, null, null, e.getMessage()));
        }
        return new GateResult(List.copyOf(outcomes), List.copyOf(failures), checked,
                Duration.ofNanos(System.nanoTime() - wallStart));
    }

    /** Today (or {@code years} ahead) at the scenario's local start time, in its zone. */
    static Instant shiftedStart(Scenario s, Instant now, int years) {
        ZonedDateTime written = s.start().atZone(s.timezone());
        LocalDate today = LocalDate.ofInstant(now, s.timezone()).plusYears(years);
        return today.atTime(written.toLocalTime()).atZone(s.timezone()).toInstant();
    }

    /** The site's zone as the scenarios give it (the first one's), so local-clock rules see a local time. */
    private static java.time.ZoneId propertyZone(List<ScenarioCatalog.Entry> entries) {
        return entries.stream().filter(e -> e.scenario() != null).map(e -> e.scenario().timezone()).findFirst()
                .orElse(ZoneOffset.UTC);
    }
}
