package io.commandcenter.engine;

import java.util.List;

import io.commandcenter.engine.facts.TableRule;

/**
 * An owner's decision table: rows of conditions and one switch action each. Stored in PostgreSQL,
 * given to the rules as facts ({@link #rules()}, matched by rules/tables.drl), exchanged as a Drools
 * decision-table spreadsheet by {@link TableSpreadsheets}.
 */
public record DecisionTable(String name, String description, boolean enabled, List<TableRow> rows) {

    public DecisionTable {
        description = description == null ? "" : description;
        rows = rows == null ? List.of() : List.copyOf(rows);
    }

    /** The rows that act, as facts: none while the table is disabled, and no disabled row. */
    public List<TableRule> rules() {
        if (!enabled) {
            return List.of();
        }
        return rows.stream().filter(TableRow::enabled).map(r -> TableRule.of(name, r.row(), r.name(), r.socFrom(),
                r.socBelow(), r.pvFrom(), r.pvBelow(), r.loadFrom(), r.loadBelow(), r.gridFrom(), r.gridBelow(),
                r.timeFrom(), r.timeUntil(), r.weekdays(), r.device(), r.deviceType(), r.on(), r.priority(),
                r.cooldownMinutes())).toList();
    }
}
