package io.commandcenter.testmode;

import io.commandcenter.engine.RuleSetBuilder;
import io.commandcenter.validation.Limits;
import io.commandcenter.engine.RuleProblem;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.DoubleConsumer;

import io.commandcenter.engine.RuleFile;
import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.sitemodel.ScenarioException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskExecutor;
import org.springframework.stereotype.Service;
import tools.jackson.databind.json.JsonMapper;

/**
 * Starts simulations and replays on a bounded executor and keeps their status, progress and report
 * in {@code testmode.simulation_runs}. Requests are checked before they are queued (scenario,
 * settings, window); rule sets are built on the worker, so a compile error fails the run with its
 * located errors.
 */
@Service
public class SimulationService {

    private static final Logger log = LoggerFactory.getLogger(SimulationService.class);

    private final SimulationRunRepository runs;
    private final TaskExecutor executor;
    private final LiveRules live;
    private final LiveAutomation automation;
    private final StoredReadings stored;
    private final TestModeProperties properties;
    private final JsonMapper json;
    private final Map<UUID, Double> progress = new ConcurrentHashMap<>();

    SimulationService(SimulationRunRepository runs, @Qualifier("testModeExecutor") TaskExecutor testModeExecutor,
                      LiveRules live, StoredReadings stored, TestModeProperties properties, JsonMapper json,
                      LiveAutomation automation) {
        this.automation = automation;
        this.runs = runs;
        this.executor = testModeExecutor;
        this.live = live;
        this.stored = stored;
        this.properties = properties;
        this.json = json;
    }

    @EventListener(ApplicationReadyEvent.class)
    void failInterruptedRuns() {
        int n = runs.failInterrupted();
        if (n > 0) {
            log.info("Marked {} test-mode runs interrupted by the restart as failed", n);
        }
    }

    /** Checks and queues a run; its id is returned at once. */
    public UUID submit(SimulationRequest request) {
        Prepared prepared = prepare(request);
        UUID id = UUID.randomUUID();
        runs.insert(id, request.kind(), json.writeValueAsString(request));
        try {
            executor.execute(() -> execute(id, prepared));
        } catch (RejectedExecutionException e) {
            runs.failed(id, "refused: the test-mode queue is full");
            throw new TestModeBusy();
        }
        return id;
    }

    public Optional<SimulationRun> find(UUID id) {
        Optional<SimulationRun> run = runs.find(id);
        Double p = progress.get(id);
        return p == null ? run : run.map(r -> r.status() == SimulationRun.Status.RUNNING ? r.withProgress(p) : r);
    }

    public List<SimulationRun> recent(int limit) {
        return runs.recent(limit);
    }

    public Optional<String> report(UUID id) {
        return runs.report(id);
    }

    // ---- preparing ----------------------------------------------------------------------------

    private record Prepared(Scenario scenario, RecordedReadingsSource replay, SiteSettings settings,
                            SimulationRequest request) {
    }

    private interface RecordedReadingsSource {
        RecordedReadings load();
    }

    private Prepared prepare(SimulationRequest r) {
        if ((r.scenario() == null) == (r.replay() == null)) {
            throw new SimulationRejected("bad-simulation-request", "Give either a scenario or a replay window");
        }
        if (r.ruleVersion() != null && !r.ruleFiles().isEmpty()) {
            throw new SimulationRejected("bad-simulation-request", "Give ruleVersion or ruleFiles, not both");
        }
        for (String name : r.ruleFiles().keySet()) {
            if (!name.matches(Limits.RULE_FILE)) {
                throw new SimulationRejected("bad-rule-file", "Rule file names look like miners.drl (was '" + name + "')");
            }
        }
        // Refuse code the guard will not compile now, with its line, instead of failing the run later.
        List<RuleProblem> refused = RuleSetBuilder.refusals(r.ruleFiles().entrySet().stream()
                .map(f -> RuleFile.file(f.getKey(), f.getValue())).toList());
        if (!refused.isEmpty()) {
            RuleProblem first = refused.get(0);
            throw new SimulationRejected("rule-not-allowed", first.file() + " line " + first.line() + ": "
                    + first.message()).with("field", "ruleFiles").with("problems", refused);
        }
        SiteSettings settings;
        try {
            settings = SettingsOverrides.apply(live.settings(), r.overrides());
        } catch (IllegalArgumentException e) {
            throw new SimulationRejected("bad-setting", e.getMessage());
        }
        if (r.replay() != null) {
            var w = r.replay();
            if (w.from() == null || w.to() == null || !w.from().isBefore(w.to())) {
                throw new SimulationRejected("bad-replay-window", "A replay window needs from before to");
            }
            if (Duration.between(w.from(), w.to()).compareTo(Duration.ofDays(properties.maxReplayDays())) > 0) {
                throw new SimulationRejected("bad-replay-window",
                        "A replay window may span at most " + properties.maxReplayDays() + " days");
            }
            return new Prepared(null, () -> stored.window(w.from(), w.to(), properties.zone()), settings, r);
        }
        if (!r.scenario().matches("[A-Za-z0-9_-]+\\.(yaml|yml|json)")) {
            throw new SimulationRejected("bad-scenario",
                    "Name a scenario file in simulation/scenarios, such as summer-week.yaml");
        }
        try {
            Scenario scenario = Scenario.resolve(ScenarioCatalog.DEFAULT_DIR.resolve(r.scenario()).toString());
            new SimulationOptions(r.duration(), r.emergencyStops(), properties.maxChartPoints(), null);
            return new Prepared(scenario, null, settings, r);
        } catch (ScenarioException | IllegalArgumentException e) {
            throw new SimulationRejected("bad-scenario", e.getMessage());
        }
    }

    // ---- running ------------------------------------------------------------------------------

    private void execute(UUID id, Prepared p) {
        runs.running(id);
        progress.put(id, 0.0);
        try {
            RuleSet candidate = candidateRules(p.request());
            DoubleConsumer onProgress = new ProgressWriter(id);
            RunResult result;
            if (p.scenario() != null) {
                SimulationOptions options = new SimulationOptions(p.request().duration(), p.request().emergencyStops(),
                        properties.maxChartPoints(), onProgress);
                result = ClosedLoopSimulation.run(p.scenario(), candidate, p.settings(), options,
                        automation.current());
            } else {
                RecordedReadings readings = p.replay().load();
                if (readings.isEmpty()) {
                    throw new IllegalStateException("no stored readings in the replay window");
                }
                Automation now = automation.current();
                result = Replay.run(readings, new Replay.Side(live.ruleSet(), live.settings(), now),
                        new Replay.Side(candidate, p.settings(), now), properties.maxChartPoints(), onProgress);
            }
            runs.done(id, ReportJson.write(result.report()), result.report().violations().size(),
                    result.wallTime().toMillis());
        } catch (RuleSets.RuleSetException | IllegalStateException e) {
            runs.failed(id, e.getMessage());
        } catch (RuntimeException e) {
            log.error("Test-mode run {} failed", id, e);
            runs.failed(id, "internal error: " + e);
        } finally {
            progress.remove(id);
        }
    }

    private RuleSet candidateRules(SimulationRequest r) {
        if (r.ruleVersion() != null) {
            return RuleSets.build(live.version(r.ruleVersion()).orElseThrow(() -> new IllegalStateException(
                    "rule-set version " + r.ruleVersion() + " is not known")));
        }
        if (r.ruleFiles().isEmpty()) {
            return live.ruleSet();
        }
        Map<String, RuleFile> files = new LinkedHashMap<>();
        live.files().forEach(f -> files.put(f.name(), f));
        r.ruleFiles().forEach((name, content) -> files.put(name, RuleFile.file(name, content)));
        return RuleSets.build(new ArrayList<>(files.values()));
    }

    /** Keeps the latest fraction in memory and writes it to the table every tenth. */
    private final class ProgressWriter implements DoubleConsumer {
        private final UUID id;
        private int written = 0;

        ProgressWriter(UUID id) {
            this.id = id;
        }

        @Override
        public void accept(double fraction) {
            progress.put(id, fraction);
            int tenth = (int) (fraction * 10);
            if (tenth > written) {
                written = tenth;
                runs.progress(id, fraction);
            }
        }
    }
}
