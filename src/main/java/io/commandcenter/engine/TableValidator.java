package io.commandcenter.engine;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.regex.Pattern;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.facts.DailyWindow;
import io.commandcenter.engine.facts.TableRule;

/**
 * Checks decision tables before they are activated: each row on its own (ranges, names, target),
 * pairs of rows that overlap (same target, conditions that can hold at once), contradictions
 * (overlapping with opposite actions at the same priority: an error) and state-of-charge ranges
 * that no row of a table covers for a target (a warning).
 */
public final class TableValidator {

    public static final Pattern NAME = Pattern.compile("^[a-z0-9][a-z0-9-]{0,62}$");
    private static final Pattern ROW_NAME = Pattern.compile("^[^\"\\\\\\r\\n$]{1,80}$");
    private static final Pattern WEEKDAYS = Pattern.compile("^\\s*[1-7](\\s*,\\s*[1-7])*\\s*$");

    /** Errors block activation; warnings are shown with it. */
    public record Findings(List<RuleProblem> errors, List<RuleProblem> warnings) {
    }

    private final Function<String, Optional<DeviceType>> typeOfDevice;

    /** @param typeOfDevice the registry's type of a device name, to see a device row overlap a type row */
    public TableValidator(Function<String, Optional<DeviceType>> typeOfDevice) {
        this.typeOfDevice = typeOfDevice;
    }

    public Findings check(List<DecisionTable> tables) {
        List<RuleProblem> errors = new ArrayList<>();
        List<RuleProblem> warnings = new ArrayList<>();
        Set<String> tableNames = new HashSet<>();
        List<Located> live = new ArrayList<>();
        for (DecisionTable table : tables) {
            if (!NAME.matcher(table.name() == null ? "" : table.name()).matches()) {
                errors.add(problem(table.name(), null, "table name must be lower-case letters, digits and dashes"));
                continue;
            }
            if (!tableNames.add(table.name())) {
                errors.add(problem(table.name(), null, "two tables share this name"));
            }
            Set<String> rowNames = new HashSet<>();
            for (TableRow row : table.rows()) {
                List<String> wrong = rowErrors(row);
                wrong.forEach(w -> errors.add(problem(table.name(), row.row(), w)));
                if (row.name() != null && !rowNames.add(row.name())) {
                    errors.add(problem(table.name(), row.row(), "row name \"" + row.name() + "\" used twice"));
                }
                if (wrong.isEmpty() && table.enabled() && row.enabled()) {
                    live.add(new Located(table.name(), row));
                }
            }
        }
        for (int i = 0; i < live.size(); i++) {
            for (int j = i + 1; j < live.size(); j++) {
                Located a = live.get(i);
                Located b = live.get(j);
                if (!sameTarget(a.row(), b.row()) || !overlap(a.row(), b.row())) {
                    continue;
                }
                String both = a.describe() + " and " + b.describe();
                if (a.row().on() != b.row().on() && a.row().priority() == b.row().priority()) {
                    errors.add(problem(a.table(), a.row().row(), "contradiction: " + both
                            + " can hold at the same time with opposite actions and equal priority"));
                } else if (a.row().on() != b.row().on()) {
                    warnings.add(problem(a.table(), a.row().row(), "overlap: " + both
                            + " can hold at the same time with opposite actions; the higher priority wins"));
                } else {
                    warnings.add(problem(a.table(), a.row().row(), "overlap: " + both
                            + " can hold at the same time with the same action"));
                }
            }
        }
        warnings.addAll(socGaps(tables));
        return new Findings(errors, warnings);
    }

    static List<String> rowErrors(TableRow r) {
        List<String> errors = new ArrayList<>();
        if (r.name() == null || !ROW_NAME.matcher(r.name()).matches()) {
            errors.add("row name is required (up to 80 characters, no quotes, backslashes or $)");
        }
        if ((r.device() == null) == (r.deviceType() == null)) {
            errors.add("name exactly one target: a device or a device type");
        }
        if (r.device() != null && !NAME.matcher(r.device()).matches()) {
            errors.add("device name must be lower-case letters, digits and dashes");
        }
        range(errors, "SOC", r.socFrom(), r.socBelow(), 0, 100.0001);
        range(errors, "PV", r.pvFrom(), r.pvBelow(), 0, Double.MAX_VALUE);
        range(errors, "load", r.loadFrom(), r.loadBelow(), 0, Double.MAX_VALUE);
        range(errors, "grid", r.gridFrom(), r.gridBelow(), -Double.MAX_VALUE, Double.MAX_VALUE);
        if ((r.timeFrom() == null) != (r.timeUntil() == null)) {
            errors.add("time of day needs both from and until");
        }
        if (r.timeFrom() != null && r.timeFrom().equals(r.timeUntil())) {
            errors.add("time of day from and until are equal: the row would never apply");
        }
        if (r.weekdays() != null && !r.weekdays().isBlank() && !WEEKDAYS.matcher(r.weekdays()).matches()) {
            errors.add("weekdays must be numbers 1 (Monday) to 7 separated by commas");
        }
        if (r.cooldownMinutes() < 0 || r.cooldownMinutes() > 1440) {
            errors.add("cooldown must be 0 to 1440 minutes");
        }
        return errors;
    }

    private static void range(List<String> errors, String what, Double from, Double below, double min, double max) {
        if (from != null && (from.isNaN() || from < min || from > max)) {
            errors.add(what + " from is out of range");
        }
        if (below != null && (below.isNaN() || below < min || below > max)) {
            errors.add(what + " below is out of range");
        }
        if (from != null && below != null && from >= below) {
            errors.add(what + " from must be less than below");
        }
    }

    private boolean sameTarget(TableRow a, TableRow b) {
        if (a.device() != null && b.device() != null) {
            return a.device().equals(b.device());
        }
        if (a.deviceType() != null && b.deviceType() != null) {
            return a.deviceType() == b.deviceType();
        }
        TableRow byDevice = a.device() != null ? a : b;
        TableRow byType = a.device() != null ? b : a;
        return typeOfDevice.apply(byDevice.device()).map(t -> t == byType.deviceType()).orElse(false);
    }

    static boolean overlap(TableRow a, TableRow b) {
        return intersects(a.socFrom(), a.socBelow(), b.socFrom(), b.socBelow())
                && intersects(a.pvFrom(), a.pvBelow(), b.pvFrom(), b.pvBelow())
                && intersects(a.loadFrom(), a.loadBelow(), b.loadFrom(), b.loadBelow())
                && intersects(a.gridFrom(), a.gridBelow(), b.gridFrom(), b.gridBelow())
                && minutes(a).intersects(minutes(b))
                && days(a).intersects(days(b));
    }

    private static boolean intersects(Double aFrom, Double aBelow, Double bFrom, Double bBelow) {
        double lo = Math.max(aFrom == null ? -Double.MAX_VALUE : aFrom, bFrom == null ? -Double.MAX_VALUE : bFrom);
        double hi = Math.min(aBelow == null ? Double.MAX_VALUE : aBelow, bBelow == null ? Double.MAX_VALUE : bBelow);
        return lo < hi;
    }

    private static BitSet minutes(TableRow r) {
        BitSet set = new BitSet(1440);
        if (r.timeFrom() == null) {
            set.set(0, 1440);
            return set;
        }
        DailyWindow w = DailyWindow.of(r.timeFrom(), r.timeUntil());
        for (int m = 0; m < 1440; m++) {
            if (w.contains(m)) {
                set.set(m);
            }
        }
        return set;
    }

    private static BitSet days(TableRow r) {
        BitSet set = new BitSet(8);
        if (r.weekdays() == null || r.weekdays().isBlank()) {
            set.set(1, 8);
            return set;
        }
        for (String d : r.weekdays().split(",")) {
            set.set(Integer.parseInt(d.trim()));
        }
        return set;
    }

    /** Per table and target: the parts of 0..100 % no enabled row covers. */
    static List<RuleProblem> socGaps(List<DecisionTable> tables) {
        List<RuleProblem> warnings = new ArrayList<>();
        for (DecisionTable table : tables) {
            if (!table.enabled()) {
                continue;
            }
            Map<String, TreeMap<Double, Double>> byTarget = new LinkedHashMap<>();
            for (TableRow r : table.rows()) {
                if (r.enabled() && rowErrors(r).isEmpty()) {
                    byTarget.computeIfAbsent(r.target(), t -> new TreeMap<>())
                            .merge(r.socFrom() == null ? 0 : r.socFrom(), r.socBelow() == null ? 100.0001 : r.socBelow(),
                                    Math::max);
                }
            }
            byTarget.forEach((target, ranges) -> {
                double covered = 0;
                List<String> gaps = new ArrayList<>();
                for (Map.Entry<Double, Double> e : ranges.entrySet()) {
                    if (e.getKey() > covered) {
                        gaps.add(TableRule.number(covered) + "–" + TableRule.number(e.getKey()) + " %");
                    }
                    covered = Math.max(covered, e.getValue());
                }
                if (covered < 100) {
                    gaps.add(TableRule.number(covered) + "–100 %");
                }
                if (!gaps.isEmpty()) {
                    warnings.add(problem(table.name(), null, "no row covers SOC " + String.join(", ", gaps)
                            + " for " + target));
                }
            });
        }
        return warnings;
    }

    private static RuleProblem problem(String table, Integer row, String message) {
        return new RuleProblem("table-" + table + ".drl", table, row, 0, 0, message);
    }

    private record Located(String table, TableRow row) {
        String describe() {
            return table + " row " + row.row() + " (" + row.name() + ")";
        }
    }
}
