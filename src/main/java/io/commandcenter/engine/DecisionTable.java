package io.commandcenter.engine;

import java.util.List;

/**
 * An owner's decision table: rows of conditions and one switch action each. Stored in PostgreSQL,
 * rendered into DRL by {@link TableRenderer}, exchanged as a Drools decision-table spreadsheet by
 * {@link TableSpreadsheets}.
 */
public record DecisionTable(String name, String description, boolean enabled, List<TableRow> rows) {

    public DecisionTable {
        description = description == null ? "" : description;
        rows = rows == null ? List.of() : List.copyOf(rows);
    }
}
