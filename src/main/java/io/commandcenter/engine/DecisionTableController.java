package io.commandcenter.engine;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The owner's decision tables, as JSON or as Drools decision-table spreadsheets. Saving a table
 * does not change the live rules: validate and activate do.
 */
@RestController
@RequestMapping({"/engine/tables", "/api/v1/engine/tables"})
class DecisionTableController {

    static final MediaType XLSX = MediaType.parseMediaType(
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet");

    private final DecisionTableRepository tables;
    private final TableSpreadsheets sheets = new TableSpreadsheets();

    private final io.commandcenter.device.DeviceRegistry devices;

    DecisionTableController(DecisionTableRepository tables, io.commandcenter.device.DeviceRegistry devices) {
        this.tables = tables;
        this.devices = devices;
    }

    @GetMapping
    List<DecisionTable> list() {
        return tables.findAll();
    }

    @GetMapping("/{name}")
    DecisionTable show(@PathVariable String name) {
        return find(name);
    }

    @PutMapping("/{name}")
    DecisionTable save(@PathVariable String name, @RequestBody DecisionTable body,
                       @RequestHeader(name = "X-Requested-By", defaultValue = "api") String by) {
        DecisionTable table = new DecisionTable(name, body.description(), body.enabled(), body.rows());
        checkInput(table, by);
        checkRows(table);
        tables.save(table, by);
        return table;
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        if (!tables.delete(name)) {
            throw new UnknownDecisionTable(name);
        }
        return ResponseEntity.noContent().build();
    }

    /** Export as {@code .drl.csv} (format=csv) or {@code .drl.xlsx} (format=xlsx, the default). */
    @GetMapping("/{name}/spreadsheet")
    ResponseEntity<byte[]> export(@PathVariable String name, @RequestParam(defaultValue = "xlsx") String format) {
        DecisionTable table = find(name);
        boolean csv = format.equalsIgnoreCase("csv");
        byte[] body = csv ? sheets.exportCsv(table).getBytes(java.nio.charset.StandardCharsets.UTF_8)
                : sheets.exportXlsx(table);
        return ResponseEntity.ok()
                .contentType(csv ? MediaType.parseMediaType("text/csv") : XLSX)
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + (csv ? ".drl.csv\"" : ".drl.xlsx\""))
                .body(body);
    }

    /** Import a spreadsheet (body: the file; text/csv for CSV, anything else is read as xlsx). */
    @PutMapping(path = "/{name}/spreadsheet", consumes = MediaType.ALL_VALUE)
    DecisionTable importSheet(@PathVariable String name, @RequestBody byte[] body,
                              @RequestHeader(name = HttpHeaders.CONTENT_TYPE, defaultValue = "") String contentType,
                              @RequestHeader(name = "X-Requested-By", defaultValue = "api") String by) {
        DecisionTable parsed;
        try {
            parsed = contentType.startsWith("text/csv") ? sheets.importCsv(body) : sheets.importXlsx(body);
        } catch (IllegalArgumentException e) {
            // all or nothing: one bad row and nothing is stored
            throw new InputRejected("invalid-spreadsheet", e.getMessage())
                    .with(io.commandcenter.validation.InvalidParams.PROPERTY,
                            List.of(new io.commandcenter.validation.InvalidParam("body", String.valueOf(e.getMessage()))));
        }
        DecisionTable table = new DecisionTable(name, parsed.description(), true, parsed.rows());
        checkInput(table, by);
        checkRows(table);
        tables.save(table, by);
        return table;
    }

    /** Text, ranges and devices of every row; refused before anything is stored. */
    private void checkInput(DecisionTable table, String by) {
        var bad = new io.commandcenter.validation.InvalidParams();
        int name = io.commandcenter.validation.Limits.NAME;
        bad.text("name", table.name(), name).text("X-Requested-By", by, name)
                .text("description", table.description(), io.commandcenter.validation.Limits.REASON);
        for (int i = 0; i < table.rows().size(); i++) {
            TableRow r = table.rows().get(i);
            String at = "rows[" + i + "].";
            if (r == null) {
                bad.add("rows[" + i + "]", "must be a row");
                continue;
            }
            if (r.name() == null || r.name().isBlank()) bad.add(at + "name", "required");
            bad.text(at + "name", r.name(), name).text(at + "weekdays", r.weekdays(), name).text(at + "device", r.device(), name);
            if (r.device() != null && io.commandcenter.validation.Text.problem(r.device(), name) == null
                    && devices.findByName(r.device()).isEmpty()) {
                bad.add(at + "device", "not a registered device");
            }
            range(bad, at + "socFrom", r.socFrom(), 0, 100);
            range(bad, at + "socBelow", r.socBelow(), 0, 100);
            double w = io.commandcenter.validation.Limits.WATTS;
            range(bad, at + "pvFrom", r.pvFrom(), -w, w);
            range(bad, at + "pvBelow", r.pvBelow(), -w, w);
            range(bad, at + "loadFrom", r.loadFrom(), -w, w);
            range(bad, at + "loadBelow", r.loadBelow(), -w, w);
            range(bad, at + "gridFrom", r.gridFrom(), -w, w);
            range(bad, at + "gridBelow", r.gridBelow(), -w, w);
            if (r.priority() < 0 || r.priority() > io.commandcenter.validation.Limits.PRIORITY) {
                bad.add(at + "priority", "must be 0 to " + io.commandcenter.validation.Limits.PRIORITY);
            }
            if (r.cooldownMinutes() < 0 || r.cooldownMinutes() > 1440) bad.add(at + "cooldownMinutes", "must be 0 to 1440");
        }
        bad.throwIfAny("invalid-decision-table", "The table has invalid fields; nothing was stored");
    }

    private static void range(io.commandcenter.validation.InvalidParams bad, String field, Double value, double min, double max) {
        if (value != null && (!Double.isFinite(value) || value < min || value > max)) {
            bad.add(field, "must be " + min + " to " + max);
        }
    }

    private static void checkRows(DecisionTable table) {
        var errors = new TableValidator(n -> java.util.Optional.empty()).check(List.of(table)).errors().stream()
                .filter(p -> !p.message().startsWith("contradiction")) // reported by validate, before activation
                .map(p -> Map.of("row", p.row() == null ? 0 : p.row(), "message", p.message())).toList();
        if (!errors.isEmpty()) {
            throw new InputRejected("invalid-decision-table", "The table has rows that cannot work")
                    .with("errors", errors);
        }
    }

    private DecisionTable find(String name) {
        return tables.find(name).orElseThrow(() -> new UnknownDecisionTable(name));
    }
}
