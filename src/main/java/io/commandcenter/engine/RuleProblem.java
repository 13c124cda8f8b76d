package io.commandcenter.engine;

/**
 * A compile error or a finding about a rule set, located by file (or table and row), line and column.
 *
 * @param file    rule file name ("miners.drl", "tables/heater.drl")
 * @param table   decision table name, null for a file
 * @param row     table row number, null when not in a row
 * @param line    1-based DRL line, 0 when unknown
 * @param column  0-based column, 0 when unknown
 * @param message what is wrong
 */
public record RuleProblem(String file, String table, Integer row, int line, int column, String message) {
}
