package io.commandcenter.engine;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Renders a decision table into DRL, one rule per enabled row, in the same shape the Drools
 * spreadsheet compiler produces from an exported sheet. Text is only ever taken from validated
 * names, never pasted as code, so a table can express conditions and a switch, nothing else.
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
        if (table.enabled()) {
            for (TableRow row : table.rows()) {
                if (!row.enabled()) {
                    continue;
                }
                List<String> lines = rule(table.name(), row);
                rows.add(new RuleFile.RowLines(row.row(), line + 1, line + lines.size()));
                lines.forEach(l -> drl.append(l).append('\n'));
                line += lines.size();
            }
        }
        return new RuleFile(fileName(table.name()), drl.toString(), table.name(), rows);
    }

    /**
     * Readings and time are "exists" conditions, so a new reading that keeps the row true does not
     * re-run it (only crossing a bound does). They come before the device, so rows with the same
     * conditions for different devices share them in the network and a reading is tested once.
     */
    static List<String> rule(String table, TableRow r) {
        List<String> lines = new ArrayList<>();
        lines.add("rule \"" + r.ruleName(table) + "\"");
        lines.add("    @priority(" + r.priority() + ") @cooldownMinutes(" + r.cooldownMinutes() + ")");
        lines.add("when");
        List<String> soc = new ArrayList<>();
        range(soc, "soc", r.socFrom(), r.socBelow());
        if (!soc.isEmpty()) {
            lines.add("    exists BatteryNow(" + String.join(", ", soc) + ")");
        }
        List<String> power = new ArrayList<>();
        range(power, "pv", r.pvFrom(), r.pvBelow());
        range(power, "load", r.loadFrom(), r.loadBelow());
        range(power, "grid", r.gridFrom(), r.gridBelow());
        if (!power.isEmpty()) {
            lines.add("    exists PowerNow(" + String.join(", ", power) + ")");
        }
        List<String> time = new ArrayList<>();
        if (r.timeFrom() != null && r.timeUntil() != null) {
            time.add("DailyWindow.of(\"" + r.timeFrom() + "\", \"" + r.timeUntil() + "\").contains(minuteOfDay)");
        }
        if (r.weekdays() != null && !r.weekdays().isBlank()) {
            time.add("weekday in (" + r.weekdays() + ")");
        }
        if (!time.isEmpty()) {
            lines.add("    exists CurrentTime(" + String.join(", ", time) + ")");
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
