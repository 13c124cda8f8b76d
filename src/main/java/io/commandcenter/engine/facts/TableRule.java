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
 * the same generic rules, so editing a table changes facts, not compiled rules. The row's conditions
 * are its {@link TableTest}, shared with the rows of its table that have the same bounds.
 *
 * @param rule the row's name in explanations, "table / row"
 */
public record TableRule(String table, int row, String rule, TableTest test, String device, DeviceType deviceType,
                        boolean on, int priority, long cooldownMillis) implements OwnersRule {

    @Override
    public String explainedAs() {
        return rule;
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
        TableTest test = new TableTest(condition, socFrom, socBelow, pvFrom, pvBelow, loadFrom, loadBelow, gridFrom,
                gridBelow, timed ? DailyWindow.of(timeFrom, timeUntil) : null, daySet);
        return new TableRule(table, row, table + " / " + name, test, device, deviceType, on, priority,
                cooldownMinutes * 60_000L);
    }

    /** The name of the row's conditions, shared by the rows of its table with the same bounds. */
    public String condition() {
        return test.condition();
    }

    /** A number as conditions and spreadsheets show it: 60.0, 2000.0, 47.5. */
    public static String number(double value) {
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString() + (value == Math.rint(value) ? ".0" : "");
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
