package io.commandcenter.testmode;

import io.commandcenter.engine.facts.SiteSettings;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.commandcenter.engine.RuleFile;
import io.commandcenter.engine.RuleSet;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.validation.Limits;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Test mode over REST: start simulations and replays, follow them, fetch reports; run shadow mode. */
@RestController
@RequestMapping({"/simulations", "/api/v1/simulations"})
class SimulationController {

    private final SimulationService simulations;
    private final ShadowMode shadow;
    private final LiveRules live;
    private final JsonMapper json;
    private final TestModeProperties properties;

    SimulationController(SimulationService simulations, ShadowMode shadow, LiveRules live, JsonMapper json,
                         TestModeProperties properties) {
        this.simulations = simulations;
        this.shadow = shadow;
        this.live = live;
        this.json = json;
        this.properties = properties;
    }

    record Started(UUID id, String status, String self, String report) {
    }

    record RunView(UUID id, String kind, SimulationRun.Status status, double progress, JsonNode request, String error,
                   Integer violationCount, Long wallMillis, Instant createdAt, Instant startedAt, Instant finishedAt,
                   String report) {
    }

    @PostMapping
    ResponseEntity<Started> startSimulation(@RequestBody SimulationRequest request, Authentication caller) {
        // DRL is code that runs in this JVM: operators simulate with the live rules and data overrides only.
        if (!request.ruleFiles().isEmpty() && !isAdmin(caller)) {
            throw new RuleFilesNeedAdmin().with("field", "ruleFiles");
        }
        checkInput(request);
        UUID id = simulations.submit(request);
        // Links name the versioned path, whichever path was called: the unversioned one is a deprecated alias.
        String self = "/api/v1/simulations/" + id;
        return ResponseEntity.accepted().location(URI.create(self))
                .body(new Started(id, "QUEUED", self, self + "/report"));
    }

    @GetMapping
    List<RunView> recentSimulations() {
        return simulations.recent(50).stream().map(this::view).toList();
    }

    @GetMapping("/{id}")
    RunView simulation(@PathVariable UUID id) {
        return simulations.find(id).map(this::view).orElseThrow(() -> notFound(id));
    }

    @GetMapping(value = "/{id}/report", produces = MediaType.APPLICATION_JSON_VALUE)
    String report(@PathVariable UUID id) {
        return finishedReport(id);
    }

    @GetMapping(value = "/{id}/report.html", produces = MediaType.TEXT_HTML_VALUE)
    String reportPage(@PathVariable UUID id) {
        SimulationRun run = simulations.find(id).orElseThrow(() -> notFound(id));
        String report = finishedReport(id);
        return ReportHtml.render(ReportJson.read(report), zoneOf(run),
                run.wallMillis() == null ? null : Duration.ofMillis(run.wallMillis()));
    }

    // ---- shadow mode ------------------------------------------------------------------------

    record ShadowRequest(Integer ruleVersion, Map<String, String> ruleFiles, Map<String, String> overrides) {
    }

    record ShadowView(ShadowMode.Status status, List<ShadowMode.WouldHave> wouldHave) {
    }

    @PutMapping("/shadow")
    ShadowView startShadow(@RequestBody ShadowRequest request) {
        var settings = settings(request.overrides());
        RuleSet rules;
        try {
            rules = RuleSets.build(candidateFiles(request));
        } catch (RuleSets.RuleSetException e) {
            throw new SimulationRejected("rules-do-not-compile", e.getMessage());
        }
        shadow.start(rules, settings);
        return shadowStatus();
    }

    @GetMapping("/shadow")
    ShadowView shadowStatus() {
        return new ShadowView(shadow.status(), shadow.wouldHave());
    }

    @DeleteMapping("/shadow")
    ResponseEntity<Void> stopShadow() {
        shadow.stop();
        return ResponseEntity.noContent().build();
    }

    // ---- helpers ----------------------------------------------------------------------------

    private SiteSettings settings(Map<String, String> overrides) {
        try {
            return SettingsOverrides.apply(live.settings(), overrides == null ? Map.of() : overrides);
        } catch (IllegalArgumentException e) {
            throw new SimulationRejected("bad-setting", e.getMessage());
        }
    }

    private List<RuleFile> candidateFiles(ShadowRequest r) {
        if (r.ruleVersion() != null) {
            return live.version(r.ruleVersion()).orElseThrow(() -> new SimulationRejected("unknown-rule-version",
                    "Rule-set version " + r.ruleVersion() + " is not known"));
        }
        Map<String, RuleFile> files = new LinkedHashMap<>();
        live.files().forEach(f -> files.put(f.name(), f));
        if (r.ruleFiles() != null) {
            r.ruleFiles().forEach((name, content) -> files.put(name, RuleFile.file(name, content)));
        }
        return new ArrayList<>(files.values());
    }

    private String finishedReport(UUID id) {
        SimulationRun run = simulations.find(id).orElseThrow(() -> notFound(id));
        if (run.status() != SimulationRun.Status.DONE) {
            throw new SimulationNotFinished(id, run.status(), run.error());
        }
        return simulations.report(id).orElseThrow(() -> notFound(id));
    }

    private ZoneId zoneOf(SimulationRun run) {
        JsonNode scenario = json.readTree(run.request()).get("scenario");
        if (scenario != null && scenario.isString()) {
            try {
                return Scenario.resolve(ScenarioCatalog.DEFAULT_DIR.resolve(scenario.asString()).toString()).timezone();
            } catch (RuntimeException e) {
                return properties.zone();
            }
        }
        return properties.zone();
    }

    private RunView view(SimulationRun r) {
        return new RunView(r.id(), r.kind(), r.status(), r.progress(), json.readTree(r.request()), r.error(),
                r.violationCount(), r.wallMillis(), r.createdAt(), r.startedAt(), r.finishedAt(),
                r.status() == SimulationRun.Status.DONE ? "/api/v1/simulations/" + r.id() + "/report" : null);
    }

    private static boolean isAdmin(Authentication caller) {
        return caller != null && caller.getAuthorities().stream().anyMatch(a -> "ROLE_ADMIN".equals(a.getAuthority()));
    }

    private static UnknownSimulation notFound(UUID id) {
        return new UnknownSimulation(id);
    }

    /** Names each bad field before the run is queued: the single worker never starts on a runaway request. */
    private static void checkInput(SimulationRequest r) {
        var bad = new io.commandcenter.validation.InvalidParams();
        int days = Limits.SIMULATION_DAYS;
        if (r.scenario() != null && (!r.scenario().matches("[A-Za-z0-9_-]{1,64}\\.(yaml|yml|json)"))) {
            bad.add("scenario", "a scenario file name such as summer-week.yaml");
        }
        if (r.duration() != null && (r.duration().isNegative() || r.duration().isZero()
                || r.duration().compareTo(Duration.ofDays(days)) > 0)) {
            bad.add("duration", "must be positive and at most " + days + " days");
        }
        if (r.replay() != null && r.replay().from() != null && r.replay().to() != null
                && Duration.between(r.replay().from(), r.replay().to()).compareTo(Duration.ofDays(days)) > 0) {
            bad.add("replay", "may span at most " + days + " days");
        }
        for (String name : r.ruleFiles().keySet()) {
            if (!name.matches(Limits.RULE_FILE)) {
                bad.add("ruleFiles[" + name.replaceAll("\\p{Cntrl}", "?") + "]",
                        "file names are lower-case letters, digits and dashes ending in .drl");
            }
        }
        r.overrides().forEach((k, v) -> bad.text("overrides[" + k.replaceAll("\\p{Cntrl}", "?") + "]", v,
                Limits.NAME));
        if (!bad.isEmpty()) {
            String first = bad.list().get(0).field();
            throw bad.problem(first.equals("scenario") ? "bad-scenario" : first.startsWith("ruleFiles") ? "bad-rule-file"
                    : first.equals("replay") ? "bad-replay-window" : "bad-simulation-request", "The simulation request is not valid");
        }
    }
}
