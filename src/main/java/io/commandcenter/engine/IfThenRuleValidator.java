package io.commandcenter.engine;

import java.util.List;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.commandcenter.engine.IfThenRule.Condition;
import io.commandcenter.engine.IfThenRule.Trigger;
import io.commandcenter.engine.facts.SolarForecast;
import io.commandcenter.validation.InvalidParams;

/**
 * Checks an if/then rule before it is saved, each problem on its field ({@code conditions[1].below}): missing or
 * impossible values, unknown devices and modes, conditions that contradict each other (they can never hold
 * together), and actions the safety rules would always refuse.
 */
final class IfThenRuleValidator {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,59}");
    private static final List<String> DEVICE_STATES = List.of("ON", "OFF", "ONLINE", "OFFLINE");

    private final Predicate<String> knownDevice;
    private final Predicate<String> knownMode;
    private final double criticalSoc;

    IfThenRuleValidator(Predicate<String> knownDevice, Predicate<String> knownMode, double criticalSoc) {
        this.knownDevice = knownDevice;
        this.knownMode = knownMode;
        this.criticalSoc = criticalSoc;
    }

    InvalidParams check(IfThenRule rule) {
        var problems = new InvalidParams();
        if (rule.name() == null || !NAME.matcher(rule.name()).matches()) {
            problems.add("name", "must be 1 to 60 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
        }
        if (rule.conditions().isEmpty()) {
            problems.add("conditions", "at least one condition is needed (a rule for a time alone uses a time window)");
        }
        if (rule.conditions().size() > 20) {
            problems.add("conditions", "at most 20 conditions");
        }
        for (int i = 0; i < rule.conditions().size(); i++) {
            condition(problems, "conditions[" + i + "]", rule.conditions().get(i));
        }
        contradictions(problems, "conditions", rule.conditions());
        if (rule.sustainedMinutes() < 0 || rule.sustainedMinutes() > 1440) {
            problems.add("sustainedMinutes", "must be 0 to 1440");
        }
        if (rule.cooldownMinutes() < 0 || rule.cooldownMinutes() > 1440) {
            problems.add("cooldownMinutes", "must be 0 to 1440");
        }
        if (rule.actions().isEmpty()) {
            problems.add("actions", "at least one action is needed");
        }
        if (rule.actions().size() > 10) {
            problems.add("actions", "at most 10 actions");
        }
        for (int i = 0; i < rule.actions().size(); i++) {
            action(problems, "actions[" + i + "]", rule.actions().get(i), rule.conditions());
        }
        return problems;
    }

    /** Conditions on their own (a workflow's wait or branch), checked as a rule's are; fields named under {@code field}. */
    void checkConditions(InvalidParams problems, String field, List<Condition> conditions) {
        if (conditions.isEmpty()) {
            problems.add(field, "at least one condition is needed");
        }
        if (conditions.size() > 20) {
            problems.add(field, "at most 20 conditions");
        }
        for (int i = 0; i < conditions.size(); i++) {
            condition(problems, field + "[" + i + "]", conditions.get(i));
        }
        contradictions(problems, field, conditions);
    }

    private void condition(InvalidParams problems, String at, Condition c) {
        if (c == null || c.trigger() == null) {
            problems.add(at + ".test", "is required: SOC, PV, LOAD, GRID, BATTERY_POWER, TIME, WEEKDAY, DEVICE, MODE,"
                    + " FORECAST_KWH, CLOUD_COVER or TEMPERATURE");
            return;
        }
        switch (c.trigger()) {
            case SOC, CLOUD_COVER -> range(problems, at, c, 0, 100);
            case PV, LOAD -> range(problems, at, c, 0, 1_000_000);
            case GRID, BATTERY_POWER -> range(problems, at, c, -1_000_000, 1_000_000);
            case TEMPERATURE -> range(problems, at, c, -60, 60);
            case FORECAST_KWH -> range(problems, at, c, 0, 100_000);
            case TIME -> {
                if (c.from() == null) problems.add(at + ".from", "is required for a time window");
                if (c.until() == null) problems.add(at + ".until", "is required for a time window");
                if (c.from() != null && c.from().equals(c.until())) {
                    problems.add(at + ".until", "must differ from 'from': the window would be empty");
                }
            }
            case WEEKDAY -> {
                if (c.weekdays().isEmpty()) problems.add(at + ".weekdays", "name at least one day, 1 (Monday) to 7");
                if (c.weekdays().stream().anyMatch(d -> d == null || d < 1 || d > 7)) {
                    problems.add(at + ".weekdays", "days are 1 (Monday) to 7 (Sunday)");
                }
            }
            case DEVICE -> {
                if (c.device() == null || !knownDevice.test(c.device())) {
                    problems.add(at + ".device", c.device() == null ? "is required" : "no device named '" + c.device() + "'");
                }
                if (c.state() == null || !DEVICE_STATES.contains(c.state().toUpperCase(java.util.Locale.ROOT))) {
                    problems.add(at + ".state", "must be ON, OFF, ONLINE or OFFLINE");
                }
            }
            case MODE -> {
                if (c.mode() == null || !knownMode.test(c.mode())) {
                    problems.add(at + ".mode", c.mode() == null ? "is required" : "no site mode named '" + c.mode() + "'");
                }
            }
        }
        boolean forecast = c.trigger() == Trigger.FORECAST_KWH || c.trigger() == Trigger.CLOUD_COVER || c.trigger() == Trigger.TEMPERATURE;
        if (forecast && (c.hours() == null || !SolarForecast.HORIZONS.contains(c.hours()))) {
            problems.add(at + ".hours", "the forecast looks " + SolarForecast.HORIZONS + " hours ahead");
        }
    }

    private static void range(InvalidParams problems, String at, Condition c, double min, double max) {
        if (c.atLeast() == null && c.below() == null) {
            problems.add(at + ".below", "give 'below', 'atLeast' or both");
            return;
        }
        for (var bound : List.of(new Object[] {"atLeast", c.atLeast()}, new Object[] {"below", c.below()})) {
            Double value = (Double) bound[1];
            if (value != null && (!Double.isFinite(value) || value < min || value > max)) {
                problems.add(at + "." + bound[0], "must be between " + number(min) + " and " + number(max));
            }
        }
        if (c.atLeast() != null && c.below() != null && c.atLeast() >= c.below()) {
            problems.add(at + ".below", "must be above 'atLeast' (" + number(c.atLeast()) + "), or nothing can match");
        }
    }

    /** Two conditions on the same measure whose ranges do not meet can never hold together. */
    private static void contradictions(InvalidParams problems, String field, List<Condition> conditions) {
        for (int j = 0; j < conditions.size(); j++) {
            for (int i = 0; i < j; i++) {
                Condition a = conditions.get(i);
                Condition b = conditions.get(j);
                if (a == null || b == null || a.trigger() == null || a.trigger() != b.trigger()
                        || !java.util.Objects.equals(a.hours(), b.hours())) {
                    continue;
                }
                double lowA = a.atLeast() == null ? Double.NEGATIVE_INFINITY : a.atLeast();
                double lowB = b.atLeast() == null ? Double.NEGATIVE_INFINITY : b.atLeast();
                double highA = a.below() == null ? Double.POSITIVE_INFINITY : a.below();
                double highB = b.below() == null ? Double.POSITIVE_INFINITY : b.below();
                boolean measure = a.atLeast() != null || a.below() != null;
                if (measure && Math.max(lowA, lowB) >= Math.min(highA, highB)) {
                    problems.add(field + "[" + j + "]", "contradicts " + field + "[" + i + "]: both on "
                            + a.trigger() + ", they can never hold together");
                }
                if (a.trigger() == Trigger.DEVICE && a.device() != null && a.device().equals(b.device())
                        && a.state() != null && b.state() != null && opposite(a.state(), b.state())) {
                    problems.add(field + "[" + j + "]", "contradicts " + field + "[" + i + "]: " + a.device()
                            + " cannot be " + a.state() + " and " + b.state());
                }
                if (a.trigger() == Trigger.MODE && a.mode() != null && !a.mode().equals(b.mode())) {
                    problems.add(field + "[" + j + "]", "contradicts " + field + "[" + i + "]: one site mode at a time");
                }
            }
        }
    }

    /** ON and OFF need the device online, so each contradicts OFFLINE; ON contradicts OFF. */
    private static boolean opposite(String a, String b) {
        java.util.Set<String> pair = java.util.Set.of(a.toUpperCase(java.util.Locale.ROOT),
                b.toUpperCase(java.util.Locale.ROOT));
        return pair.size() == 2 && (pair.equals(java.util.Set.of("ON", "OFF"))
                || pair.equals(java.util.Set.of("ONLINE", "OFFLINE")) || pair.equals(java.util.Set.of("ON", "OFFLINE"))
                || pair.equals(java.util.Set.of("OFF", "OFFLINE")));
    }

    private void action(InvalidParams problems, String at, IfThenRule.Action a, List<Condition> conditions) {
        if (a == null || a.does() == null) {
            problems.add(at + ".does", "is required: SWITCH, SET_MODE or NOTIFY");
            return;
        }
        if (a.preApproved() && a.does() != IfThenRule.Does.SWITCH) {
            problems.add(at + ".preApproved", "only a switch can be approved in advance");
        }
        switch (a.does()) {
            case SWITCH -> {
                if (a.on() == null) problems.add(at + ".on", "say on (true) or off (false)");
                if ((a.device() == null) == (a.deviceType() == null)) {
                    problems.add(at + ".device", "name one device or one device type, not both or neither");
                } else if (a.device() != null && !knownDevice.test(a.device())) {
                    problems.add(at + ".device", "no device named '" + a.device() + "'");
                }
                // The battery floor refuses every load switched on at or below the critical charge.
                boolean onlyBelowCritical = conditions.stream().anyMatch(c -> c != null && c.trigger() == Trigger.SOC
                        && c.below() != null && c.below() <= criticalSoc);
                if (Boolean.TRUE.equals(a.on()) && onlyBelowCritical) {
                    problems.add(at + ".on", "switching a load on only while the battery is at or below the critical"
                            + " charge (" + number(criticalSoc) + " %) would always be refused by the safety rules");
                }
            }
            case SET_MODE -> {
                if (a.mode() == null || !knownMode.test(a.mode())) {
                    problems.add(at + ".mode", a.mode() == null ? "is required" : "no site mode named '" + a.mode() + "'");
                }
            }
            case NOTIFY -> problems.text(at + ".message", a.message() == null ? "" : a.message(), 300);
        }
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }
}
