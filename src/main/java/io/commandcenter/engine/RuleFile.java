package io.commandcenter.engine;

import java.util.List;

/**
 * One DRL source of a rule set: a file from {@code rules/} ("safety.drl") or a rendered decision
 * table ("tables/heater-surplus.drl"). For a table, {@code rows} maps DRL lines back to table rows.
 */
public record RuleFile(String name, String content, String table, List<RowLines> rows) {

    public static RuleFile file(String name, String content) {
        return new RuleFile(name, content, null, List.of());
    }

    public boolean isTable() {
        return table != null;
    }

    /** Table row {@code row} was rendered into DRL lines {@code firstLine..lastLine} (1-based). */
    public record RowLines(int row, int firstLine, int lastLine) {
    }

    /** The table row a DRL line belongs to, or null. */
    public Integer rowAt(int line) {
        return rows.stream().filter(r -> line >= r.firstLine() && line <= r.lastLine())
                .map(RowLines::row).findFirst().orElse(null);
    }
}
