package io.commandcenter.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Renders a decision table into DRL: one rule per enabled row, and one rule per distinct set of
 * conditions the rows share. An exported spreadsheet compiled by the Drools spreadsheet compiler
 * gives rules that decide the same, each row testing its readings itself. Text is only ever taken
 * from validated names, never pasted as code, so a table can express conditions and a switch,
 * nothing else.
 */
public final class TableRenderer {

    public static String fileName(String table) {
        return "table-" + table + ".drl";
    }

    /** Whether a rule file is a rendered decision table rather than a hand-written file. */
    static boolean isTableFile(String fileName) {
        return fileName.startsWith("table-") && fileName.endsWith(".drl");
    }

    public RuleFile render(DecisionTable table) {
        StringBuilder drl = new StringBuilder();
        List<String> header = List.of(
                "// Decision table \"" + table.name() + "\", rendered by CommandCenter; edit the table, not this text.",
                "package " + RuleSetBuilder.PACKAGE + ";",
                "",
                "import io.commandcenter.engine.facts.*;",
                "import io.commandcenter.device.DeviceType;",
                "");
        header.forEach(l -> drl.append(l).append('\n'));
        int line = header.size();
        List<RuleFile.RowLines> rows = new ArrayList<>();
        // Condition name -> the patterns that test it, in order of first use.
        Map<String, List<String>> conditions = new LinkedHashMap<>();
        if (table.enabled()) {
            for (TableRow row : table.rows()) {
                if (!row.enabled()) {
                    continue;
                }
                List<String> lines = rule(table.name(), row, conditions);
                rows.add(new RuleFile.RowLines(row.row(), line + 1, line + lines.size()));
                lines.forEach(l -> drl.append(l).append('\n'));
                line += lines.size();
            }
        }
        conditions.forEach((name, patterns) -> conditionRule(name, patterns).forEach(l -> drl.append(l).append('\n')));
        return new RuleFile(fileName(table.name()), drl.toString(), table.name(), rows);
    }

    /**
     * A row matches its conditions by name, then its device. The conditions are tested by the
     * rules {@link #conditionRule} renders after the rows, once for all rows that share them, so a
     * reading that leaves them as they were re-runs no row at all.
     */
    static List<String> rule(String table, TableRow r, Map<String, List<String>> conditions) {
        List<String> lines = new ArrayList<>();
        lines.add("rule \"" + r.ruleName(table) + "\"");
        lines.add("    @priority(" + r.priority() + ") @cooldownMinutes(" + r.cooldownMinutes() + ")");
        lines.add("when");
        List<String> names = new ArrayList<>(3);
        List<String> patterns = new ArrayList<>(3);
        conditions(r, names, patterns);
        if (!names.isEmpty()) {
            String name = table + ": when " + String.join(", ", names);
            conditions.putIfAbsent(name, patterns);
            lines.add("    TableCondition(name == \"" + name + "\")");
        }
        lines.add(r.device() != null
                ? "    $dev: DeviceStatus(device == \"" + r.device() + "\")"
                : "    $dev: DeviceStatus(type == DeviceType." + r.deviceType() + ")");
        lines.add("then");
        lines.add("    insertLogical(TableWish.of(drools.getRule(), $dev.device(), \"" + (r.on() ? "ON" : "OFF") + "\"));");
        lines.add("end");
        lines.add("");
        return lines;
    }

    /** No salience: the request a row leads to is logical, so it goes if a condition settles against it. */
    private static List<String> conditionRule(String name, List<String> patterns) {
        List<String> lines = new ArrayList<>();
        lines.add("rule \"" + name + "\"");
        lines.add("when");
        patterns.forEach(p -> lines.add("    exists " + p));
        lines.add("then");
        lines.add("    insertLogical(new TableCondition(\"" + name + "\"));");
        lines.add("end");
        lines.add("");
        return lines;
    }

    /** A row's conditions, readable and as patterns: on the battery, the power flow and the clock, each optional. */
    private static void conditions(TableRow r, List<String> names, List<String> patterns) {
        List<String> soc = new ArrayList<>();
        range(soc, "soc", r.socFrom(), r.socBelow());
        if (!soc.isEmpty()) {
            names.addAll(soc);
            patterns.add("BatteryNow(" + String.join(", ", soc) + ")");
        }
        List<String> power = new ArrayList<>();
        range(power, "pv", r.pvFrom(), r.pvBelow());
        range(power, "load", r.loadFrom(), r.loadBelow());
        range(power, "grid", r.gridFrom(), r.gridBelow());
        if (!power.isEmpty()) {
            names.addAll(power);
            patterns.add("PowerNow(" + String.join(", ", power) + ")");
        }
        List<String> time = new ArrayList<>();
        if (r.timeFrom() != null && r.timeUntil() != null) {
            time.add("DailyWindow.of(\"" + r.timeFrom() + "\", \"" + r.timeUntil() + "\").contains(minuteOfDay)");
            names.add("time " + r.timeFrom() + "-" + r.timeUntil());
        }
        if (r.weekdays() != null && !r.weekdays().isBlank()) {
            String days = r.weekdays().replace(" ", "");
            time.add("weekday in (" + days + ")");
            names.add("weekday in (" + days + ")");
        }
        if (!time.isEmpty()) {
            patterns.add("CurrentTime(" + String.join(", ", time) + ")");
        }
    }

    private static void range(List<String> out, String property, Double from, Double below) {
        if (from != null) {
            out.add(property + " >= " + number(from));
        }
        if (below != null) {
            out.add(property + " < " + number(below));
        }
    }

    static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + (value == Math.rint(value) ? ".0" : "");
    }
}
