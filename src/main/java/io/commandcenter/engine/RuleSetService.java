package io.commandcenter.engine;

import static java.util.stream.Collectors.toSet;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Optional;
import java.util.Map;
import java.util.Set;

import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Service;

/**
 * Builds, validates, activates and rolls back rule sets: the DRL files of the rules folder, compiled,
 * plus the owner's decision tables as data (their rows become facts, so a table edit reuses the
 * compiled rules and needs no build). Builds run on the caller's thread, never the engine thread;
 * only the finished swap is queued there, so decisions keep flowing meanwhile.
 */
@Service
class RuleSetService implements SmartInitializingSingleton {

    private static final Log log = LogFactory.getLog(RuleSetService.class);

    /**
     * The checks before activation: compile errors and table errors block, warnings inform, and a rule set that
     * builds must pass every {@link ActivationGate} (its refusals block).
     */
    record Validation(List<RuleProblem> errors, List<RuleProblem> warnings, String contentHash, long buildMillis,
                      RuleSet ruleSet, List<String> refusals) {

        Validation(List<RuleProblem> errors, List<RuleProblem> warnings, String contentHash, long buildMillis,
                   RuleSet ruleSet) {
            this(errors, warnings, contentHash, buildMillis, ruleSet, List.of());
        }

        boolean builds() {
            return errors.isEmpty() && ruleSet != null;
        }

        boolean ok() {
            return builds() && refusals.isEmpty();
        }

        Validation refused(List<String> why) {
            return new Validation(errors, warnings, contentHash, buildMillis, ruleSet, List.copyOf(why));
        }
    }

    private final RuleDirectory directory;
    private final DecisionTableRepository tables;
    private final RuleSetVersionRepository versions;
    private final DeviceRegistry registry;
    private final EngineService engine;
    private final PreferencesService preferences;
    private final ObjectProvider<ActivationGate> gates;
    private final RuleSetBuilder builder;
    private final IfThenRuleRepository ifThenRules;
    private List<RuleFile> lastBuiltFiles = List.of();
    private RuleSetBuilder.Result lastBuilt;

    RuleSetService(RulesProperties properties, DecisionTableRepository tables, RuleSetVersionRepository versions,
                   DeviceRegistry registry, EngineService engine, PreferencesService preferences,
                   ObjectProvider<ActivationGate> gates, IfThenRuleRepository ifThenRules,
                   @Qualifier("ruleBuildThread") TaskExecutor buildThread) {
        this.ifThenRules = ifThenRules;
        this.gates = gates;
        this.directory = new RuleDirectory(properties.dir());
        // Shared by every context of the JVM: tests start many, each would compile the same rules again.
        this.builder = new RuleSetBuilder(RuleSetCache.shared(properties.cacheDir()));
        this.tables = tables;
        this.versions = versions;
        this.registry = registry;
        this.engine = engine;
        this.preferences = preferences;
        // The first build (reading and checking every file, loading or compiling the rules) runs beside the
        // rest of the start-up on the other core; start() waits for it, as compile() is one at a time.
        buildThread.execute(this::buildAhead);
    }

    private void buildAhead() {
        try {
            compile(sources(Map.of()));
        } catch (RuntimeException e) {
            log.debug("Building the rules ahead of the start failed; the start builds and reports: " + e);
        }
    }

    /**
     * On start: the rules folder and tables as they are now; if they do not build, or changed and
     * fail the scenario safety gate, the last active version. A rollback stays live while the folder
     * and tables are as they were when it was made: a restart (a power cut) must not bring back the
     * rules an owner rolled away from.
     */
    @Override
    public void afterSingletonsInstantiated() {
        start();
    }

    void start() {
        engine.usePreferences(preferences.current());
        RuleSetVersion active = versions.findActive().orElse(null);
        if (active != null && keptRollback(active)) {
            return;
        }
        Validation v = build(Map.of());
        if (v.builds() && active != null && active.contentHash().equals(v.contentHash())) {
            engine.install(v.ruleSet(), active.version());
            return;
        }
        // Changed rules face the scenario safety gate as on activation; the very first rules have
        // nothing safer to fall back to. Rules that were rolled back for failing live stay away.
        RuleSetVersion failed = v.builds() && active != null ? versions.findFailed(v.contentHash()).orElse(null) : null;
        List<String> refusals = failed != null
                ? List.of("version " + failed.version() + " with these rules was rolled back: " + failed.failure())
                : v.builds() && active != null ? gateRefusals(v.ruleSet()) : List.of();
        if (v.builds() && refusals.isEmpty()) {
            if (active != null) {
                // The changed rules go live on probation, with the active version to fall back to.
                RuleSetBuilder.Result previous = buildVersion(active);
                if (previous.ok()) {
                    engine.install(previous.ruleSet(), active.version());
                }
            }
            int number = versions.activate(v.ruleSet(), v.ruleSet().tables(), "system", "startup", v.contentHash());
            try {
                engine.install(v.ruleSet(), number);
            } catch (RuleSetFailedLive e) {
                log.error("Rules in " + directory.location() + " failed at once and were rolled back: " + e.getMessage());
            }
            return;
        }
        if (v.builds()) {
            log.error("Rules in " + directory.location() + " changed since version " + active.version()
                    + " but fail the scenario safety gate, so version " + active.version() + " keeps running: "
                    + refusals);
        } else {
            log.error("Rules in " + directory.location() + " do not build: " + v.errors());
        }
        if (active == null) {
            throw new IllegalStateException("rules do not build and no earlier version exists: " + v.errors());
        }
        RuleSetBuilder.Result previous = buildVersion(active);
        if (!previous.ok()) {
            throw new IllegalStateException("neither the rules folder nor version " + active.version() + " builds");
        }
        engine.install(previous.ruleSet(), active.version());
    }

    /** Installs {@code active} when it is a rollback and the folder and tables are as they were then. */
    private boolean keptRollback(RuleSetVersion active) {
        String workspace = active.workspaceHash();
        if (workspace == null || workspace.equals(active.contentHash())
                || !workspace.equals(workspaceHash())) {
            return false;
        }
        RuleSetBuilder.Result kept = buildVersion(active);
        if (kept.ok()) {
            log.info("Keeping version " + active.version() + " (" + active.source()
                    + "): the rules folder and tables have not changed since");
            engine.install(kept.ruleSet(), active.version());
        }
        return kept.ok();
    }

    String location() {
        return directory.location();
    }

    /** The rule files as they would be activated now, with {@code overrides} replacing or adding files. */
    List<RuleFile> sources(Map<String, String> overrides) {
        Map<String, RuleFile> files = new LinkedHashMap<>();
        directory.load().forEach(f -> files.put(f.name(), f));
        overrides.forEach((name, content) -> files.put(name, RuleFile.file(name, content)));
        return new ArrayList<>(files.values());
    }

    /**
     * Every check activation runs, in the same order: the guard and the build (with the tables' checks), then,
     * for rules that build, every activation gate (test mode's scenarios and properties).
     */
    Validation validate(Map<String, String> overrides) {
        Validation v = build(overrides);
        return v.builds() ? v.refused(gateRefusals(v.ruleSet())) : v;
    }

    /** The guard, the build and the tables' checks, without the gates. */
    private Validation build(Map<String, String> overrides) {
        List<DecisionTable> all = tables.findAll();
        Map<String, Device> devices = new LinkedHashMap<>();
        registry.findAll().forEach(d -> devices.put(d.name(), d));
        TableValidator.Findings findings = new TableValidator(
                name -> java.util.Optional.ofNullable(devices.get(name)).map(Device::type)).check(all);
        RuleSetBuilder.Result built = compile(sources(overrides));
        List<RuleProblem> errors = new ArrayList<>(built.errors());
        errors.addAll(findings.errors());
        List<RuleProblem> warnings = new ArrayList<>(findings.warnings());
        RuleSet set = built.ruleSet() == null ? null : built.ruleSet().withTables(all)
                .withIfThenRules(ifThenRules.findAll());
        return new Validation(errors, warnings, set == null ? null : set.contentHash(),
                set == null ? 0 : set.buildTime().toMillis(), set);
    }

    /**
     * The last successful build, kept for the very same files: validate and then activate of the same rules
     * compile once (a build takes seconds).
     */
    private synchronized RuleSetBuilder.Result compile(List<RuleFile> files) {
        if (lastBuilt != null && lastBuiltFiles.equals(files)) {
            return lastBuilt;
        }
        RuleSetBuilder.Result built = builder.build(files);
        if (built.ok()) {
            lastBuiltFiles = List.copyOf(files);
            lastBuilt = built;
        }
        return built;
    }

    /**
     * Validates exactly as {@link #validate} and, when clean, records the version and swaps it in. A version that
     * fails at its first firing is rolled back before this answers (422 {@code rule-set-failed}); one that fails
     * within its probation is rolled back then ({@link #onRolledBack}).
     */
    Validation activate(String by) {
        Validation v = validate(Map.of());
        if (v.ok()) {
            int number = versions.activate(v.ruleSet(), v.ruleSet().tables(), by, "activate", v.contentHash());
            installOrRefuse(v.ruleSet(), number);
        }
        return v;
    }

    private void installOrRefuse(RuleSet rules, int number) {
        try {
            engine.install(rules, number);
        } catch (RuleSetFailedLive e) {
            throw new RuleRejected("rule-set-failed", "Activation rolled back: " + e.getMessage())
                    .with("failedVersion", number).with("version", engine.version());
        }
    }

    /** The engine rolled a failing version back: the record says so and the version running again is active. */
    @EventListener
    void onRolledBack(RuleSetRolledBack rolledBack) {
        versions.recordFailure(rolledBack.failedVersion(), rolledBack.restoredVersion(), rolledBack.reason());
    }

    /**
     * Rebuilds an earlier version from its recorded sources and makes it live as a new version. The
     * decision tables are restored to that version's rows too, so the tables the owner edits are the
     * ones that run; when a version's rows were not recorded, the tables stay and a warning says so.
     */
    Validation rollback(int version, String by) {
        RuleSetVersion old = versions.find(version).orElseThrow(() -> new UnknownRuleSetVersion(version));
        List<DecisionTable> oldTables = versions.tables(version);
        RuleSetBuilder.Result built = buildVersion(old);
        if (!built.ok()) {
            return new Validation(built.errors(), built.warnings(), null, 0, null);
        }
        List<RuleProblem> warnings = new ArrayList<>(built.warnings());
        // Versions made before tables were data kept each table rendered as a file: their rows are
        // recorded when those files are exactly the tables of the stored rows.
        Set<String> tableFiles = old.files().keySet().stream().filter(RuleSetService::isRenderedTable).collect(toSet());
        Set<String> rowFiles = oldTables.stream().map(t -> "table-" + t.name() + ".drl").collect(toSet());
        boolean recorded = tableFiles.isEmpty() ? versions.recordedTables(version) : tableFiles.equals(rowFiles);
        if (recorded) {
            tables.replaceAll(oldTables, by);
        } else {
            warnings.add(new RuleProblem("", null, null, 0, 0, "decision tables not restored: version " + version
                    + " did not record its table rows, so the stored tables differ from the live rules"));
        }
        // The owner's if/then rules as that version ran them, when it recorded them; else the stored ones stay.
        Optional<List<IfThenRule>> oldIfThen = versions.ifThenRules(version);
        if (oldIfThen.isPresent()) {
            ifThenRules.replaceAll(oldIfThen.get(), by);
        } else {
            warnings.add(new RuleProblem("", null, null, 0, 0, "if/then rules not restored: version " + version
                    + " did not record them, so the stored if/then rules run with it"));
        }
        RuleSet rules = built.ruleSet().withTables(recorded ? oldTables : tables.findAll())
                .withIfThenRules(oldIfThen.orElseGet(ifThenRules::findAll));
        int number = versions.activate(rules, rules.tables(), by, "rollback to " + version, workspaceHash());
        installOrRefuse(rules, number);
        return new Validation(List.of(), warnings, rules.contentHash(), rules.buildTime().toMillis(), rules);
    }

    /**
     * The live rules with other if/then rules: no build, only other facts, but the scenario safety gate judges them
     * like any rule change, and a new version records the change. Refused: nothing goes live.
     */
    Validation applyIfThenRules(List<IfThenRule> rules, String by) {
        RuleSet live = engine.rules();
        if (live == null) {
            throw new IllegalStateException("the engine has no rules yet");
        }
        RuleSet candidate = live.withIfThenRules(rules);
        Validation v = new Validation(List.of(), List.of(), candidate.contentHash(), 0, candidate)
                .refused(gateRefusals(candidate));
        if (v.ok()) {
            int number = versions.activate(candidate, candidate.tables(), by, "if/then rules", workspaceHash());
            installOrRefuse(candidate, number);
        }
        return v;
    }

    /** What the safety gate would say of the live rules with these if/then rules; nothing is activated. */
    List<String> refusalsWith(List<IfThenRule> rules) {
        RuleSet live = engine.rules();
        if (live == null) {
            throw new IllegalStateException("the engine has no rules yet");
        }
        return gateRefusals(live.withIfThenRules(rules));
    }

    /** Test mode's scenario safety gate and property checks: a refused rule set never goes live. */
    private List<String> gateRefusals(RuleSet candidate) {
        List<String> refusals = new ArrayList<>();
        gates.orderedStream().forEach(g -> {
            try {
                refusals.addAll(g.refusals(candidate, preferences.current().toSettings()));
            } catch (RuntimeException e) {
                // A gate that cannot judge the rule set refuses it: never a 500, never live unchecked.
                refusals.add("the safety gate could not check the rule set: " + RuleError.of(e).describe());
            }
        });
        return refusals;
    }

    List<RuleSetVersion> versions() {
        return versions.findAll();
    }

    RuleSetVersion active() {
        return versions.findActive().orElse(null);
    }

    /**
     * A version's rules, built again from its recorded files, with its recorded tables as data. A file
     * rendered from a table by versions made before tables were data is left out: its rows are the tables.
     */
    private RuleSetBuilder.Result buildVersion(RuleSetVersion version) {
        List<RuleFile> files = new ArrayList<>();
        version.files().forEach((name, content) -> {
            if (!isRenderedTable(name)) {
                files.add(RuleFile.file(name, content));
            }
        });
        RuleSetBuilder.Result built = builder.build(files);
        // A candidate built from a version runs with the stored if/then rules (a rollback restores the version's own).
        return built.ok() ? built.withRuleSet(built.ruleSet().withTables(versions.tables(version.version()))
                .withIfThenRules(ifThenRules.findAll())) : built;
    }

    private static boolean isRenderedTable(String fileName) {
        return fileName.startsWith("table-") && fileName.endsWith(".drl");
    }

    /** The rules folder and tables as they are now, as a version records them (to keep a rollback). */
    private String workspaceHash() {
        return RuleSet.hash(RuleSetBuilder.contentHash(sources(Map.of())), tables.findAll());
    }
}
