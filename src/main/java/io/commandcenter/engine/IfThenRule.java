package io.commandcenter.engine;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.facts.DailyWindow;
import io.commandcenter.engine.facts.IfCondition;
import io.commandcenter.engine.facts.IfThen;
import io.commandcenter.engine.facts.ThenAction;

/**
 * A rule an owner builds as a sentence: ‘When the battery is below 45 % and solar is below 500 W for 10 minutes,
 * between 18:00 and 06:00, then pause all miners and notify me’. Data, not code: it goes into the sessions as facts
 * ({@link #facts()}) that the generic rules of {@code rules/if-then.drl} match, so the safety rules, priorities,
 * holds, cooldowns, the emergency stop, approvals, explanations and dry runs apply to it as to every rule.
 *
 * @param sustainedMinutes the conditions must hold this long before the actions run (0: at once)
 * @param cooldownMinutes  after it switched a device, the rule leaves that device alone this long
 */
public record IfThenRule(String name, boolean enabled, List<Condition> conditions, int sustainedMinutes,
                         int cooldownMinutes, List<Action> actions) {

    public IfThenRule {
        conditions = copy(conditions);
        actions = copy(actions);
    }

    /** What a condition tests. */
    public enum Trigger {
        SOC, PV, LOAD, GRID, BATTERY_POWER, TIME, WEEKDAY, DEVICE, MODE, FORECAST_KWH, CLOUD_COVER, TEMPERATURE
    }

    /**
     * One condition. Measures (SOC … TEMPERATURE) hold when the value is {@code >= atLeast} and {@code < below}
     * (either may be empty); the forecast ones look {@code hours} ahead (1, 3, 6, 12, 24 or 48). TIME holds between
     * {@code from} and {@code until} (across midnight when until is earlier), WEEKDAY on {@code weekdays} (1 = Monday),
     * DEVICE when {@code device} is {@code state} (ON, OFF, ONLINE, OFFLINE), MODE when the site mode is {@code mode}.
     */
    public record Condition(Trigger trigger, Double atLeast, Double below, Integer hours, LocalTime from, LocalTime until,
                            List<Integer> weekdays, String device, String state, String mode) {

        public Condition {
            weekdays = copy(weekdays);
        }
    }

    /** What an action does. */
    public enum Does {
        SWITCH, SET_MODE, NOTIFY
    }

    /**
     * One action: SWITCH {@code device} (or every device of {@code deviceType}) {@code on} or off; SET_MODE to
     * {@code mode}; NOTIFY with {@code message} (by the notification settings; {@code critical} ignores quiet hours).
     * A {@code preApproved} switch is one the owner approved in advance (a learned rule they accepted): it does not
     * wait for approval under the confirmation setting or the site mode; every other rule still judges it.
     */
    public record Action(Does does, String device, DeviceType deviceType, Boolean on, String mode, String message,
                         Boolean critical, Boolean preApproved) {

        public Action {
            critical = Boolean.TRUE.equals(critical);
            preApproved = Boolean.TRUE.equals(preApproved);
        }

        /** An action that waits for approval whenever the confirmation setting or the site mode says so. */
        public Action(Does does, String device, DeviceType deviceType, Boolean on, String mode, String message,
                      Boolean critical) {
            this(does, device, deviceType, on, mode, message, critical, false);
        }
    }

    /** The name explanations and cooldowns know this rule by. */
    public String ruleName() {
        return "if-then / " + name;
    }

    /** The facts the sessions hold for this rule; none while it is disabled. */
    public List<Object> facts() {
        if (!enabled) {
            return List.of();
        }
        List<Object> facts = new ArrayList<>();
        facts.add(new IfThen(ruleName(), conditions.size(), sustainedMinutes * 60_000L, inWords()));
        facts.addAll(conditionFacts(ruleName(), conditions));
        for (Action a : actions) {
            facts.add(new ThenAction(ruleName(), a.does().name(), a.device(), a.deviceType(),
                    a.on() != null && a.on(), a.mode(), a.message(), a.critical(), cooldownMinutes * 60_000L,
                    a.does() == Does.SWITCH && a.preApproved()));
        }
        return facts;
    }

    /** One {@link IfCondition} fact per condition, known by {@code rule}. */
    static List<Object> conditionFacts(String rule, List<Condition> conditions) {
        List<Object> facts = new ArrayList<>();
        for (int i = 0; i < conditions.size(); i++) {
            Condition c = conditions.get(i);
            facts.add(new IfCondition(rule, i, c.trigger().name(), c.atLeast(), c.below(),
                    c.hours() == null ? 0 : c.hours(),
                    c.from() != null && c.until() != null ? DailyWindow.of(c.from(), c.until()) : null,
                    c.weekdays(), c.device(), c.state() == null ? null : c.state().toUpperCase(Locale.ROOT), c.mode()));
        }
        return facts;
    }

    /** Conditions as words ("the battery is below 40 %", "between 18:00 and 06:00"), joined by "and". */
    public static String conditionsInWords(List<Condition> conditions) {
        List<String> words = new ArrayList<>();
        for (Condition c : conditions) {
            words.add(switch (c.trigger()) {
                case TIME -> "it is between " + c.from() + " and " + c.until();
                case WEEKDAY -> "it is " + weekdays(c.weekdays());
                default -> words(c);
            });
        }
        return String.join(" and ", words);
    }

    /** The rule as a sentence, the way the builder shows it. */
    public String inWords() {
        List<String> when = new ArrayList<>();
        List<String> window = new ArrayList<>();
        for (Condition c : conditions) {
            switch (c.trigger()) {
                case TIME -> window.add("between " + c.from() + " and " + c.until());
                case WEEKDAY -> window.add("on " + weekdays(c.weekdays()));
                default -> when.add(words(c));
            }
        }
        StringBuilder s = new StringBuilder("When ").append(when.isEmpty() ? "it is time" : String.join(" and ", when));
        if (sustainedMinutes > 0) {
            s.append(" for ").append(sustainedMinutes).append(" minutes");
        }
        if (!window.isEmpty()) {
            s.append(", ").append(String.join(", ", window));
        }
        List<String> then = actions.stream().map(IfThenRule::words).toList();
        return s.append(", then ").append(String.join(" and ", then)).toString();
    }

    private static String words(Condition c) {
        return switch (c.trigger()) {
            case SOC -> "the battery is " + range(c, " %");
            case PV -> "solar is " + range(c, " W");
            case LOAD -> "the load is " + range(c, " W");
            case GRID -> "the grid draw is " + range(c, " W");
            case BATTERY_POWER -> "the battery power is " + range(c, " W");
            case FORECAST_KWH -> "the solar forecast for the next " + c.hours() + " hours is " + range(c, " kWh");
            case CLOUD_COVER -> "the forecast cloud cover for the next " + c.hours() + " hours is " + range(c, " %");
            case TEMPERATURE -> "the forecast temperature for the next " + c.hours() + " hours is " + range(c, " °C");
            case DEVICE -> c.device() + " is " + (c.state() == null ? "?" : c.state().toLowerCase(Locale.ROOT));
            case MODE -> "the site mode is " + c.mode();
            case TIME, WEEKDAY -> "";
        };
    }

    private static String words(Action a) {
        return switch (a.does()) {
            case SWITCH -> {
                boolean on = a.on() != null && a.on();
                if (a.device() != null) {
                    yield "switch " + a.device() + (on ? " on" : " off") + (a.preApproved() ? " without asking" : "");
                }
                String type = a.deviceType() == null ? "devices" : a.deviceType().name().toLowerCase(Locale.ROOT) + "s";
                yield (a.deviceType() == DeviceType.MINER ? (on ? "resume all miners" : "pause all miners")
                        : "switch all " + type + (on ? " on" : " off")) + (a.preApproved() ? " without asking" : "");
            }
            case SET_MODE -> "set the site mode to " + a.mode();
            case NOTIFY -> "notify me" + (a.message() == null || a.message().isBlank() ? "" : " (\"" + a.message() + "\")");
        };
    }

    private static String range(Condition c, String unit) {
        if (c.atLeast() != null && c.below() != null) {
            return "between " + number(c.atLeast()) + " and " + number(c.below()) + unit;
        }
        if (c.below() != null) {
            return "below " + number(c.below()) + unit;
        }
        return "at least " + (c.atLeast() == null ? "?" : number(c.atLeast())) + unit;
    }

    private static String number(double value) {
        return value == Math.rint(value) ? String.valueOf((long) value) : String.valueOf(value);
    }

    private static String weekdays(List<Integer> days) {
        String[] names = {"", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        return String.join(", ", days.stream().map(d -> d >= 1 && d <= 7 ? names[d] : String.valueOf(d)).toList());
    }

    /** An unmodifiable copy that keeps null entries, so the validator names them (List.copyOf would throw). */
    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(list));
    }
}
