package io.commandcenter.engine;

import java.lang.reflect.RecordComponent;
import java.security.Principal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.engine.facts.DeviceLock;
import io.commandcenter.validation.InvalidParams;
import io.commandcenter.validation.Limits;
import io.commandcenter.timeseries.ReadingsStored;
import org.springframework.format.annotation.DateTimeFormat;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The engine's REST API: put facts in, read decisions and queries, manage rule-set versions. */
@RestController
@RequestMapping({"/engine", "/api/v1/engine"})
class EngineController {

    private final EngineService engine;
    private final RuleSetService ruleSets;
    private final EngineProperties properties;
    private final DeviceRegistry devices;

    EngineController(EngineService engine, RuleSetService ruleSets, EngineProperties properties, DeviceRegistry devices) {
        this.devices = devices;
        this.engine = engine;
        this.ruleSets = ruleSets;
        this.properties = properties;
    }

    /** A reading goes to the engine (202); an action request is judged at once (200 with the decision). */
    @PostMapping("/facts")
    ResponseEntity<?> insertFact(@RequestBody FactInput fact) {
        Instant now = Instant.now();
        List<String> violations = fact.violations(now, name -> devices.findByName(name).isPresent());
        if (!violations.isEmpty()) {
            throw new InputRejected("invalid-fact", "The fact is not valid").with("errors", violations)
                    .with(InvalidParams.PROPERTY, InvalidParams.fromMessages(violations, "fact").list());
        }
        return switch (fact.type()) {
            case "action" -> ResponseEntity.ok(engine.evaluate(fact.action(now)));
            case "battery" -> accepted(ReadingsStored.ofBattery(List.of(fact.battery(properties.site(), now))));
            case "solar" -> accepted(ReadingsStored.ofSolar(List.of(fact.solar(properties.site(), now))));
            default -> accepted(ReadingsStored.ofDevices(List.of(fact.devicePower(now))));
        };
    }

    private ResponseEntity<?> accepted(ReadingsStored readings) {
        engine.offer(readings);
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(Map.of("accepted", true));
    }

    /** Devices locked for maintenance: the rules refuse every switch of them, manual ones too. */
    @GetMapping("/locks")
    List<DeviceLock> locks() {
        return engine.deviceLocks();
    }

    /** The reason is checked by the engine (length, control characters) for every way in. */
    record LockRequest(String reason) {
    }

    /** 404 for a device that is not registered, 400 for a reason that is too long (checked by the engine). */
    @PutMapping("/locks/{device}")
    DeviceLock lock(@PathVariable String device, @jakarta.validation.Valid @RequestBody(required = false) LockRequest request, Principal user) {
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        String who = user == null ? "unknown" : user.getName();
        engine.setDeviceLock(device, true, who, reason);
        return new DeviceLock(device, who, reason);
    }

    @DeleteMapping("/locks/{device}")
    ResponseEntity<Void> unlock(@PathVariable String device, Principal user) {
        if (engine.deviceLocks().stream().noneMatch(l -> l.device().equals(device))) {
            throw new NotLocked(device);
        }
        engine.setDeviceLock(device, false, user == null ? "unknown" : user.getName(), null);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/decisions")
    List<Decision> decisions(@RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant from,
                             @RequestParam(required = false) @DateTimeFormat(iso = DateTimeFormat.ISO.DATE_TIME) Instant to,
                             @RequestParam(required = false) String device) {
        InvalidParams bad = new InvalidParams().text("device", device, Limits.NAME);
        if (from != null && to != null && !from.isBefore(to)) bad.add("from", "must be before 'to'");
        if (from != null && to != null && java.time.Duration.between(from, to).compareTo(Limits.CHART_MAX) > 0) {
            bad.add("to", "the window may span at most " + Limits.CHART_MAX.toDays() + " days");
        }
        bad.throwIfAny("bad-time-window", "The window is not valid");
        return engine.decisions(from, to, device);
    }

    @GetMapping("/queries")
    Object queries() {
        return engine.rules().queries();
    }

    @GetMapping("/queries/{name}")
    List<Map<String, Object>> query(@PathVariable String name) {
        if (!engine.rules().queries().contains(name)) {
            throw new UnknownQuery(name).with("queries", engine.rules().queries());
        }
        return engine.query(name).stream().map(row -> {
            Map<String, Object> described = new LinkedHashMap<>();
            row.forEach((key, fact) -> described.put(key, describe(fact)));
            return described;
        }).toList();
    }

    /** A fact with its type first: a situation such as MinersShouldPause has no other field to show. */
    private static Object describe(Object fact) {
        if (!(fact instanceof Record record)) {
            return fact;
        }
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("type", record.getClass().getSimpleName());
        for (RecordComponent component : record.getClass().getRecordComponents()) {
            try {
                fields.put(component.getName(), component.getAccessor().invoke(record));
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException(e);
            }
        }
        return fields;
    }

    @GetMapping("/rules")
    Map<String, Object> rules() {
        RuleSet rules = engine.rules();
        RuleSetVersion active = ruleSets.active();
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", engine.version());
        body.put("activatedAt", active == null ? null : active.activatedAt());
        body.put("activatedBy", active == null ? null : active.activatedBy());
        body.put("source", active == null ? null : active.source());
        body.put("contentHash", rules.contentHash());
        body.put("rulesFolder", ruleSets.location());
        body.put("files", rules.files().stream().map(f -> Map.of("name", f.name(),
                "lines", f.content().split("\n", -1).length, "content", f.content())).toList());
        // Tables are data: their enabled rows are what the rules match (as TableRule facts).
        body.put("tables", rules.tables().stream().map(t -> Map.of("table", t.name(), "enabled", t.enabled(),
                "rows", t.rules().size())).toList());
        body.put("queries", rules.queries());
        return body;
    }

    /** Builds what is in the rules folder and the tables now (plus files in the body), without activating. */
    @PostMapping("/rules/validate")
    Map<String, Object> validate(@RequestBody(required = false) ValidateRequest request) {
        Map<String, String> files = request == null || request.files() == null ? Map.of() : request.files();
        InvalidParams bad = new InvalidParams();
        files.forEach((name, content) -> {
            if (name == null || !name.matches(Limits.RULE_FILE) || name.length() > Limits.NAME + 4) {
                bad.add("files[" + (name == null ? "" : name.replaceAll("\\p{Cntrl}", "?")) + "]",
                        "file names are lower-case letters, digits and dashes ending in .drl");
            } else if (content == null) {
                bad.add("files[" + name + "]", "content required");
            }
        });
        bad.throwIfAny("invalid-rule-file", "The rule files are not valid");
        return report(ruleSets.validate(files), null);
    }

    @PostMapping("/rules/activate")
    Map<String, Object> activate(@jakarta.validation.Valid @RequestBody(required = false) ActivateRequest request, Principal user) {
        String by = activatedBy(request, user);
        RuleSetService.Validation v = ruleSets.activate(by);
        return report(v, engine.version());
    }

    @GetMapping("/rules/versions")
    List<Map<String, Object>> versions() {
        return ruleSets.versions().stream().map(v -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("version", v.version());
            m.put("activatedAt", v.activatedAt());
            m.put("activatedBy", v.activatedBy());
            m.put("source", v.source());
            m.put("contentHash", v.contentHash());
            m.put("files", v.files().keySet());
            m.put("buildMillis", v.buildMillis());
            m.put("active", v.active());
            m.put("failure", v.failure());
            m.put("failedAt", v.failedAt());
            return m;
        }).toList();
    }

    @PostMapping("/rules/versions/{version}/rollback")
    Map<String, Object> rollback(@PathVariable int version, @jakarta.validation.Valid @RequestBody(required = false) ActivateRequest request,
                                 Principal user) {
        String by = activatedBy(request, user);
        return report(ruleSets.rollback(version, by), engine.version());
    }

    record ValidateRequest(Map<String, String> files) {
    }

    /** The signed-in user is the author of record; a name in the body counts only without sign-in. */
    private static String activatedBy(ActivateRequest request, Principal user) {
        if (user != null) {
            return user.getName();
        }
        return request == null || request.activatedBy() == null ? "api" : request.activatedBy();
    }

    record ActivateRequest(@io.commandcenter.validation.PlainText(max = Limits.NAME) String activatedBy) {
    }

    /**
     * Errors become a 422 problem carrying the first error's file, row, line and column; a gate's refusals a 422
     * {@code rule-set-unsafe} with all of them. Validate and activate answer alike.
     */
    private static Map<String, Object> report(RuleSetService.Validation v, Integer activeVersion) {
        if (!v.errors().isEmpty()) {
            RuleProblem first = v.errors().get(0);
            throw new RuleRejected("rule-compile-error",
                    "The rules do not build: " + first.message())
                    .with("file", first.file()).with("table", first.table()).with("row", first.row())
                    .with("line", first.line()).with("column", first.column())
                    .with("errors", v.errors()).with("warnings", v.warnings());
        }
        if (!v.refusals().isEmpty()) {
            throw new RuleRejected("rule-set-unsafe",
                    "Activation refused: " + v.refusals().get(0)).with("refusals", v.refusals())
                    .with("warnings", v.warnings());
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("valid", true);
        if (activeVersion != null) {
            body.put("version", activeVersion);
        }
        body.put("contentHash", v.contentHash());
        body.put("buildMillis", v.buildMillis());
        body.put("warnings", v.warnings());
        return body;
    }
}
