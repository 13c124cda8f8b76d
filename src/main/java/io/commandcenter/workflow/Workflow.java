package io.commandcenter.workflow;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.IfThenRule;

/**
 * Steps that run one after another, each waiting for the one before: "Evening shed: water heater off → wait 10 min →
 * if the battery is below 40 % pause the miners, else notify me → at 06:00 resume them". Data, not code: a step's
 * switch goes into the rules engine as a wish (source AUTOMATION) that every safety rule, hold, cooldown, STOP and
 * approval judges; conditions are the if/then builder's, tested by the same rules.
 *
 * @param startsAt the local time it starts by itself each day; null when it is only started by hand
 * @param weekdays the days it starts by itself (1 = Monday .. 7 = Sunday); empty: every day
 */
public record Workflow(String name, boolean enabled, LocalTime startsAt, List<Integer> weekdays, List<Step> steps) {

    /** A step's {@code next} or {@code otherwise} that ends the workflow. */
    public static final String END = "end";

    public Workflow {
        weekdays = copy(weekdays);
        steps = copy(steps);
    }

    public enum Does { SWITCH, WAIT, BRANCH, SET_MODE, NOTIFY }

    /**
     * One step. SWITCH {@code device} (or every device of {@code deviceType}) {@code on} or off, waiting up to
     * {@code timeoutMinutes} (default 10) for the rules to carry it out; when they block it, or it is not done in
     * time, the workflow goes to {@code otherwise} (default: it ends, blocked). WAIT {@code minutes}, or until the
     * local time {@code until}, or until {@code conditions} hold (then {@code next}; after {@code timeoutMinutes},
     * default 60, {@code otherwise}). BRANCH on {@code conditions}: {@code next} when they hold, else
     * {@code otherwise}. SET_MODE to {@code mode}. NOTIFY with {@code message} ({@code critical} ignores quiet hours).
     * {@code next} defaults to the following step; {@value #END} ends the workflow.
     */
    public record Step(String id, Does does, String device, DeviceType deviceType, Boolean on, Integer minutes,
                       LocalTime until, List<IfThenRule.Condition> conditions, Integer timeoutMinutes, String mode,
                       String message, Boolean critical, String next, String otherwise) {

        public Step {
            conditions = copy(conditions);
            critical = Boolean.TRUE.equals(critical);
        }

        int timeout() {
            return timeoutMinutes != null ? timeoutMinutes : does == Does.SWITCH ? 10 : 60;
        }

        /** The step as words, for the run history and the /automation page. */
        public String inWords() {
            if (does == null) {
                return "?";
            }
            return switch (does) {
                case SWITCH -> {
                    boolean wanted = Boolean.TRUE.equals(on);
                    if (device != null) {
                        yield "switch " + device + (wanted ? " on" : " off");
                    }
                    yield deviceType == DeviceType.MINER ? (wanted ? "resume all miners" : "pause all miners")
                            : "switch all " + (deviceType == null ? "devices" : deviceType.name().toLowerCase(Locale.ROOT)
                            + "s") + (wanted ? " on" : " off");
                }
                case WAIT -> minutes != null ? "wait " + minutes + " min"
                        : until != null ? "wait until " + until
                        : "wait until " + IfThenRule.conditionsInWords(conditions) + " (at most " + timeout() + " min)";
                case BRANCH -> "if " + IfThenRule.conditionsInWords(conditions);
                case SET_MODE -> "set the site mode to " + mode;
                case NOTIFY -> "notify me" + (message == null || message.isBlank() ? "" : " (\"" + message + "\")");
            };
        }
    }

    Optional<Step> step(String id) {
        return steps.stream().filter(s -> s != null && id != null && id.equals(s.id())).findFirst();
    }

    /** Where a step goes on: the id it names, or the following step, or {@value #END} after the last. */
    String after(Step step) {
        if (step.next() != null && !step.next().isBlank()) {
            return step.next();
        }
        int i = steps.indexOf(step);
        return i + 1 < steps.size() ? steps.get(i + 1).id() : END;
    }

    /** The workflow as words: "water heater off → wait 10 min → if the battery is below 40 % … ". */
    public String inWords() {
        List<String> words = new ArrayList<>();
        for (Step s : steps) {
            if (s == null) {
                continue;
            }
            String w = s.inWords();
            if (s.does() == Does.BRANCH) {
                w += " go to " + after(s) + ", else " + s.otherwise(); // no next: the following step
            }
            words.add(w);
        }
        return String.join(" → ", words);
    }

    /** An unmodifiable copy that keeps null entries, so the check names them. */
    static <T> List<T> copy(List<T> list) {
        return list == null ? List.of() : java.util.Collections.unmodifiableList(new ArrayList<>(list));
    }
}
