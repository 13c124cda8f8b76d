package io.commandcenter.engine.facts;

import java.math.BigDecimal;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

import io.commandcenter.device.DeviceType;

/**
 * One enabled row of an owner's decision table, as a fact: rules/tables.drl matches every row by
 * the same generic rules, so editing a table changes facts, not compiled rules. Every condition is
 * optional (null = any); a range includes its "from" and excludes its "below".
 *
 * @param rule     the row's name in explanations, "table / row"
 * @param weekdays 1 = Monday .. 7 = Sunday; empty = every day
 */
public record TableRule(String table, int row, String rule, Double socFrom, Double socBelow, Double pvFrom,
                        Double pvBelow, Double loadFrom, Double loadBelow, Double gridFrom, Double gridBelow,
                        DailyWindow window, String windowText, Set<Integer> weekdays, String device,
                        DeviceType deviceType, boolean on, int priority, long cooldownMillis, String condition) {

    public TableRule {
        weekdays = weekdays == null ? Set.of() : Set.copyOf(weekdays);
    }

    /** A row of table {@code table}; its condition is named by the table and what it tests. */
    public static TableRule of(String table, int row, String name, Double socFrom, Double socBelow, Double pvFrom,
                               Double pvBelow, Double loadFrom, Double loadBelow, Double gridFrom, Double gridBelow,
                               LocalTime timeFrom, LocalTime timeUntil, String weekdays, String device,
                               DeviceType deviceType, boolean on, int priority, int cooldownMinutes) {
        boolean timed = timeFrom != null && timeUntil != null;
        String days = weekdays == null ? "" : weekdays.replace(" ", "");
        Set<Integer> daySet = days.isEmpty() ? Set.of()
                : Arrays.stream(days.split(",")).map(Integer::valueOf).collect(Collectors.toSet());
        List<String> names = new ArrayList<>();
        range(names, "soc", socFrom, socBelow);
        range(names, "pv", pvFrom, pvBelow);
        range(names, "load", loadFrom, loadBelow);
        range(names, "grid", gridFrom, gridBelow);
        if (timed) {
            names.add("time " + timeFrom + "-" + timeUntil);
        }
        if (!days.isEmpty()) {
            names.add("weekday in (" + days + ")");
        }
        String condition = table + (names.isEmpty() ? ": always" : ": when " + String.join(", ", names));
        return new TableRule(table, row, table + " / " + name, socFrom, socBelow, pvFrom, pvBelow, loadFrom, loadBelow,
                gridFrom, gridBelow, timed ? DailyWindow.of(timeFrom, timeUntil) : null,
                timed ? timeFrom + "-" + timeUntil : null, daySet, device, deviceType, on, priority,
                cooldownMinutes * 60_000L, condition);
    }

    public boolean testsSoc() {
        return socFrom != null || socBelow != null;
    }

    public boolean testsPower() {
        return pvFrom != null || pvBelow != null || loadFrom != null || loadBelow != null || gridFrom != null
                || gridBelow != null;
    }

    public boolean socHolds(double soc) {
        return within(soc, socFrom, socBelow);
    }

    public boolean powerHolds(double pv, double load, double grid) {
        return within(pv, pvFrom, pvBelow) && within(load, loadFrom, loadBelow) && within(grid, gridFrom, gridBelow);
    }

    public boolean timeHolds(int minuteOfDay, int weekday) {
        return (window == null || window.contains(minuteOfDay)) && (weekdays.isEmpty() || weekdays.contains(weekday));
    }

    /** Whether the row switches this device: the one it names, or every device of its type. */
    public boolean targets(String name, DeviceType type) {
        return device != null ? device.equals(name) : deviceType == type;
    }

    /** A number as conditions and spreadsheets show it: 60.0, 2000.0, 47.5. */
    public static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + (value == Math.rint(value) ? ".0" : "");
    }

    private static boolean within(double value, Double from, Double below) {
        return (from == null || value >= from) && (below == null || value < below);
    }

    private static void range(List<String> out, String property, Double from, Double below) {
        if (from != null) {
            out.add(property + " >= " + number(from));
        }
        if (below != null) {
            out.add(property + " < " + number(below));
        }
    }
}
