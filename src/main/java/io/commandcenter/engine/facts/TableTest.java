package io.commandcenter.engine.facts;

import java.util.Set;

/**
 * The conditions of decision-table rows, once per distinct set in a table: rows of one table with the
 * same bounds share one test (rules/tables.drl), so a reading is tested once per set and not once per
 * row, and a row re-runs only when its conditions start or stop holding. Every bound is optional
 * (null = any); a range includes its "from" and excludes its "below".
 *
 * @param condition the set's name in explanations, "surplus: when soc >= 80.0, pv >= 1500.0"
 * @param weekdays  1 = Monday .. 7 = Sunday; empty = every day
 */
public record TableTest(String condition, Double socFrom, Double socBelow, Double pvFrom, Double pvBelow,
                        Double loadFrom, Double loadBelow, Double gridFrom, Double gridBelow, DailyWindow window,
                        Set<Integer> weekdays) implements OwnersRule {

    @Override
    public String explainedAs() {
        return condition;
    }

    public TableTest {
        weekdays = weekdays == null ? Set.of() : Set.copyOf(weekdays);
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

    private static boolean within(double value, Double from, Double below) {
        return (from == null || value >= from) && (below == null || value < below);
    }
}
