package io.commandcenter.workflow;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import io.commandcenter.engine.ConditionCheck;
import io.commandcenter.validation.InvalidParams;
import io.commandcenter.workflow.Workflow.Does;
import io.commandcenter.workflow.Workflow.Step;

/**
 * Checks a workflow before it is stored, naming each bad field: unknown devices and modes, conditions as the if/then
 * builder checks them, steps that name a step that is not there, a step no path reaches, and a cycle (a workflow
 * must always come to its end; waiting again is a wait step with a condition, not a loop).
 */
final class WorkflowValidator {

    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,59}");
    private static final Pattern STEP_ID = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N}._-]{0,29}");
    static final int MAX_STEPS = 30;

    private final Predicate<String> knownDevice;
    private final Predicate<String> knownMode;
    private final ConditionCheck conditions;

    WorkflowValidator(Predicate<String> knownDevice, Predicate<String> knownMode, ConditionCheck conditions) {
        this.knownDevice = knownDevice;
        this.knownMode = knownMode;
        this.conditions = conditions;
    }

    InvalidParams check(Workflow w) {
        var problems = new InvalidParams();
        if (w.name() == null || !NAME.matcher(w.name()).matches()) {
            problems.add("name", "must be 1 to 60 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
        } else if (w.name().equals("runs")) {
            problems.add("name", "'runs' is taken by the list of runs");
        }
        if (w.weekdays().stream().anyMatch(d -> d == null || d < 1 || d > 7)) {
            problems.add("weekdays", "days are 1 (Monday) to 7 (Sunday)");
        }
        if (!w.weekdays().isEmpty() && w.startsAt() == null) {
            problems.add("startsAt", "weekdays need a start time");
        }
        List<Step> steps = w.steps();
        if (steps.isEmpty()) {
            problems.add("steps", "at least one step is needed");
            return problems;
        }
        if (steps.size() > MAX_STEPS) {
            problems.add("steps", "at most " + MAX_STEPS + " steps");
        }
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            String at = "steps[" + i + "]";
            if (s == null) {
                problems.add(at, "is empty");
                continue;
            }
            if (s.id() == null || !STEP_ID.matcher(s.id()).matches() || Workflow.END.equals(s.id())) {
                problems.add(at + ".id", "must be 1 to 30 letters, digits, '.', '_' or '-' (and not '" + Workflow.END + "')");
            } else if (!ids.add(s.id())) {
                problems.add(at + ".id", "'" + s.id() + "' names two steps");
            }
            step(problems, at, s);
        }
        if (!problems.isEmpty()) {
            return problems; // the graph checks need every step well formed
        }
        for (int i = 0; i < steps.size(); i++) {
            Step s = steps.get(i);
            target(problems, "steps[" + i + "].next", s.next(), ids);
            target(problems, "steps[" + i + "].otherwise", s.otherwise(), ids);
        }
        if (problems.isEmpty()) {
            graph(problems, w);
        }
        return problems;
    }

    private void step(InvalidParams problems, String at, Step s) {
        if (s.does() == null) {
            problems.add(at + ".does", "is required: SWITCH, WAIT, BRANCH, SET_MODE or NOTIFY");
            return;
        }
        if (s.timeoutMinutes() != null && (s.timeoutMinutes() < 1 || s.timeoutMinutes() > 1440)) {
            problems.add(at + ".timeoutMinutes", "must be 1 to 1440");
        }
        switch (s.does()) {
            case SWITCH -> {
                if (s.on() == null) problems.add(at + ".on", "say on (true) or off (false)");
                if ((s.device() == null) == (s.deviceType() == null)) {
                    problems.add(at + ".device", "name one device or one device type, not both or neither");
                } else if (s.device() != null && !knownDevice.test(s.device())) {
                    problems.add(at + ".device", "no device named '" + s.device() + "'");
                }
            }
            case WAIT -> {
                int ways = (s.minutes() != null ? 1 : 0) + (s.until() != null ? 1 : 0) + (s.conditions().isEmpty() ? 0 : 1);
                if (ways != 1) {
                    problems.add(at + ".minutes", "a wait is for minutes, until a time, or until conditions hold: one of them");
                } else if (s.minutes() != null && (s.minutes() < 1 || s.minutes() > 1440)) {
                    problems.add(at + ".minutes", "must be 1 to 1440");
                } else if (!s.conditions().isEmpty()) {
                    conditions.check(problems, at + ".conditions", s.conditions());
                }
                if (s.timeoutMinutes() != null && s.conditions().isEmpty()) {
                    problems.add(at + ".timeoutMinutes", "only a wait for conditions has a timeout");
                }
            }
            case BRANCH -> {
                conditions.check(problems, at + ".conditions", s.conditions());
                if (s.otherwise() == null || s.otherwise().isBlank()) {
                    problems.add(at + ".otherwise", "say where to go when the conditions do not hold (a step or '"
                            + Workflow.END + "')");
                }
                if (s.timeoutMinutes() != null) {
                    problems.add(at + ".timeoutMinutes", "a branch decides at once and has no timeout");
                }
            }
            case SET_MODE -> {
                if (s.mode() == null || !knownMode.test(s.mode())) {
                    problems.add(at + ".mode", s.mode() == null ? "is required" : "no site mode named '" + s.mode() + "'");
                }
            }
            case NOTIFY -> {
                if (s.message() == null || s.message().isBlank()) {
                    problems.add(at + ".message", "is required");
                } else {
                    problems.text(at + ".message", s.message(), 300); // length, NUL and control characters
                }
            }
        }
        boolean goesElsewhere = s.does() == Does.SWITCH || s.does() == Does.BRANCH
                || (s.does() == Does.WAIT && !s.conditions().isEmpty());
        if (!goesElsewhere && s.otherwise() != null) {
            problems.add(at + ".otherwise", "only a switch, a branch or a wait for conditions goes elsewhere");
        }
    }

    private static void target(InvalidParams problems, String at, String target, Set<String> ids) {
        if (target != null && !target.isBlank() && !Workflow.END.equals(target) && !ids.contains(target)) {
            problems.add(at, "no step named '" + target + "'");
        }
    }

    /** Every step reachable from the first, and no path that comes back to a step it passed. */
    private static void graph(InvalidParams problems, Workflow w) {
        Map<String, List<String>> edges = new HashMap<>();
        for (Step s : w.steps()) {
            List<String> to = new java.util.ArrayList<>();
            to.add(w.after(s));
            if (s.otherwise() != null && !s.otherwise().isBlank()) {
                to.add(s.otherwise());
            }
            to.removeIf(Workflow.END::equals);
            edges.put(s.id(), to);
        }
        Map<String, Integer> state = new HashMap<>(); // 1 on the path, 2 done
        Deque<String> path = new ArrayDeque<>();
        String cycle = visit(w.steps().get(0).id(), edges, state, path);
        if (cycle != null) {
            problems.add("steps", "the steps go round in a circle (" + cycle + "): a workflow must come to its end");
            return;
        }
        for (int i = 0; i < w.steps().size(); i++) {
            if (!state.containsKey(w.steps().get(i).id())) {
                problems.add("steps[" + i + "]", "no step leads to '" + w.steps().get(i).id() + "'");
            }
        }
    }

    private static String visit(String id, Map<String, List<String>> edges, Map<String, Integer> state,
                                Deque<String> path) {
        state.put(id, 1);
        path.addLast(id);
        for (String next : edges.get(id)) {
            Integer s = state.get(next);
            if (s != null && s == 1) {
                List<String> round = new java.util.ArrayList<>(path);
                return String.join(" → ", round.subList(round.indexOf(next), round.size())) + " → " + next;
            }
            if (s == null) {
                String cycle = visit(next, edges, state, path);
                if (cycle != null) {
                    return cycle;
                }
            }
        }
        path.removeLast();
        state.put(id, 2);
        return null;
    }
}
