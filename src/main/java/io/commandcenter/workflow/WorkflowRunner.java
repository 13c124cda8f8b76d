package io.commandcenter.workflow;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import io.commandcenter.engine.Decision;
import io.commandcenter.engine.SiteView;
import io.commandcenter.engine.WatchedCondition;
import io.commandcenter.engine.facts.DeviceStatus;
import io.commandcenter.engine.facts.ScheduledSwitch;
import io.commandcenter.workflow.Workflow.Does;
import io.commandcenter.workflow.Workflow.Step;
import io.commandcenter.workflow.WorkflowRun.Status;
import io.commandcenter.workflow.WorkflowRun.StepTaken;

/**
 * Moves runs along by what the rules engine sees, the same way live and in a dry run: the current steps' switches
 * and conditions go into the session ({@link #switches}, {@link #watched}), the rules fire, and {@link #advance}
 * reads the outcome from the session's view. A step ends at most once: its end is recorded with the run's new place
 * before its effects (a site-mode switch, a notification) are carried out.
 */
public final class WorkflowRunner {

    /** Steps one look may take in a row (a branch after a mode switch after a notification …), against a loop. */
    public static final int MAX_STEPS_PER_LOOK = 20;

    private WorkflowRunner() {
    }

    /** What a step asks for besides moving on; carried out by whoever runs the workflow. */
    public sealed interface Effect permits SetMode, Notify {
        String rule();
    }

    public record SetMode(String rule, String mode) implements Effect {
    }

    public record Notify(String rule, String message, boolean critical) implements Effect {
    }

    /** A run after one look: its new state, the step it finished (if any) and what that step asks for. */
    public record Progress(WorkflowRun run, Optional<StepTaken> taken, List<Effect> effects, boolean changed) {

        /** It went to another step or ended: look again at once, the next step may finish too. */
        public boolean moved() {
            return taken.isPresent() || !run.running();
        }
    }

    /** The name a step's switch and conditions go by in the engine, in explanations and the decision log. */
    public static String ruleName(String workflow, String step) {
        return "workflow / " + workflow + " / " + step;
    }

    /** The switches the runs' current steps wish. */
    public static List<ScheduledSwitch> switches(Collection<WorkflowRun> runs) {
        List<ScheduledSwitch> switches = new ArrayList<>();
        for (WorkflowRun run : runs) {
            current(run).filter(s -> s.does() == Does.SWITCH).ifPresent(s -> {
                // CurrentTime moves a minute at a time: from the start of the minute, so the wish holds at once.
                Instant from = run.stepStartedAt().truncatedTo(ChronoUnit.MINUTES);
                Instant until = run.stepStartedAt().plus(Duration.ofMinutes(s.timeout()));
                switches.add(new ScheduledSwitch(ruleName(run.workflow(), s.id()), s.device(),
                        s.device() == null ? s.deviceType() : null, Boolean.TRUE.equals(s.on()), from.toEpochMilli(),
                        until.toEpochMilli(), false));
            });
        }
        return switches;
    }

    /** The conditions the runs' current steps wait or branch on. */
    public static List<WatchedCondition> watched(Collection<WorkflowRun> runs) {
        List<WatchedCondition> watched = new ArrayList<>();
        for (WorkflowRun run : runs) {
            current(run).filter(s -> !s.conditions().isEmpty() && (s.does() == Does.BRANCH || s.does() == Does.WAIT))
                    .ifPresent(s -> watched.add(new WatchedCondition(ruleName(run.workflow(), s.id()), s.conditions())));
        }
        return watched;
    }

    private static Optional<Step> current(WorkflowRun run) {
        return run.running() ? run.definition().step(run.step()) : Optional.empty();
    }

    /** One look at a run: ends its step when the view says so, or leaves it where it is. */
    public static Progress advance(WorkflowRun run, SiteView view, Instant now, ZoneId zone) {
        if (!run.running()) {
            return new Progress(run, Optional.empty(), List.of(), false);
        }
        if (view.stopped()) {
            return new Progress(run.ended(Status.HALTED, now, "halted by the emergency stop at step " + run.step()),
                    Optional.empty(), List.of(), true);
        }
        Step step = run.definition().step(run.step()).orElse(null);
        if (step == null) {
            return new Progress(run.ended(Status.FAILED, now, "step '" + run.step() + "' is not in the workflow"),
                    Optional.empty(), List.of(), true);
        }
        String rule = ruleName(run.workflow(), step.id());
        Instant started = run.stepStartedAt();
        boolean timedOut = !now.isBefore(started.plus(Duration.ofMinutes(step.timeout())));
        return switch (step.does()) {
            case SET_MODE -> go(run, step, run.definition().after(step), now, "set the site mode to " + step.mode(),
                    List.of(new SetMode(rule, step.mode())));
            case NOTIFY -> go(run, step, run.definition().after(step), now, "sent to the owner",
                    List.of(new Notify(rule, step.message(), step.critical())));
            case BRANCH -> !view.watched().contains(rule) ? stay(run, false)
                    : view.holding().contains(rule)
                    ? go(run, step, run.definition().after(step), now, "yes: the conditions held", List.of())
                    : go(run, step, step.otherwise(), now, "no: the conditions did not hold", List.of());
            case WAIT -> {
                if (step.minutes() != null) {
                    yield now.isBefore(started.plus(Duration.ofMinutes(step.minutes()))) ? stay(run, false)
                            : go(run, step, run.definition().after(step), now, "waited " + step.minutes() + " min", List.of());
                }
                if (step.until() != null) {
                    yield now.isBefore(nextLocal(started, step.until(), zone)) ? stay(run, false)
                            : go(run, step, run.definition().after(step), now, "waited until " + step.until(), List.of());
                }
                if (view.watched().contains(rule) && view.holding().contains(rule)) {
                    yield go(run, step, run.definition().after(step), now, "the conditions held", List.of());
                }
                yield timedOut ? blocked(run, step, now, "timed out after " + step.timeout()
                        + " min: the conditions did not hold") : stay(run, false);
            }
            case SWITCH -> switchStep(run, step, rule, view, now, timedOut);
        };
    }

    private static Progress switchStep(WorkflowRun run, Step step, String rule, SiteView view, Instant now,
                                       boolean timedOut) {
        boolean wanted = Boolean.TRUE.equals(step.on());
        Set<String> switched = new TreeSet<>(run.switched());
        List<String> blockedBecause = new ArrayList<>();
        boolean waitsForApproval = false;
        for (Decision d : view.decisions()) {
            if (!rule.equals(d.requestedBy()) || d.on() != wanted) {
                continue;
            }
            switch (d.outcome()) {
                case ALLOWED -> switched.add(d.device());
                case BLOCKED -> blockedBecause.add(d.device() + ": " + String.join("; ", d.reasons()));
                case NEEDS_APPROVAL -> waitsForApproval = true;
            }
        }
        if (!blockedBecause.isEmpty()) {
            return blocked(run.withSwitched(switched), step, now, "blocked by the rules — " + String.join(", ", blockedBecause));
        }
        List<DeviceStatus> targets = new ArrayList<>();
        if (step.device() != null) {
            Optional.ofNullable(view.devices().get(step.device())).ifPresent(targets::add);
        } else {
            view.devices().values().stream().filter(d -> d.type() == step.deviceType() && d.online()).forEach(targets::add);
        }
        boolean done = !targets.isEmpty() && targets.stream().allMatch(d -> switched.contains(d.device())
                || (d.online() && Objects.equals(d.on(), wanted)));
        if (done) {
            Set<String> names = new TreeSet<>();
            targets.forEach(d -> names.add(d.device()));
            return go(run.withSwitched(switched), step, run.definition().after(step), now,
                    (switched.isEmpty() ? "already " : "done: ") + String.join(", ", names) + (wanted ? " on" : " off"),
                    List.of());
        }
        if (timedOut) {
            String why = waitsForApproval ? "still waiting for a person's approval"
                    : targets.isEmpty() ? (step.device() != null ? step.device() + " has not reported" : "no device of the type is online")
                    : "held by a person's command, locked, offline or shed by the battery floor";
            return blocked(run.withSwitched(switched), step, now, "not carried out within " + step.timeout() + " min ("
                    + why + ")");
        }
        return stay(run.withSwitched(switched), !switched.equals(run.switched()));
    }

    private static Progress stay(WorkflowRun run, boolean changed) {
        return new Progress(run, Optional.empty(), List.of(), changed);
    }

    /** A blocked or timed-out step: on to {@code otherwise}, or the run ends there. */
    private static Progress blocked(WorkflowRun run, Step step, Instant now, String why) {
        String otherwise = step.otherwise();
        if (otherwise == null || otherwise.isBlank() || Workflow.END.equals(otherwise)) {
            StepTaken taken = taken(run, step, now, why);
            return new Progress(run.ended(Status.BLOCKED, now, "ended at step " + step.id() + ": " + why),
                    Optional.of(taken), List.of(), true);
        }
        return go(run, step, otherwise, now, why + "; going on at " + otherwise, List.of());
    }

    private static Progress go(WorkflowRun run, Step step, String target, Instant now, String outcome,
                               List<Effect> effects) {
        StepTaken taken = taken(run, step, now, outcome);
        if (target == null || Workflow.END.equals(target)) {
            return new Progress(run.ended(Status.FINISHED, now, "finished"), Optional.of(taken), effects, true);
        }
        if (run.definition().step(target).isEmpty()) {
            return new Progress(run.ended(Status.FAILED, now, "step '" + target + "' is not in the workflow"),
                    Optional.of(taken), effects, true);
        }
        return new Progress(run.at(target, now), Optional.of(taken), effects, true);
    }

    private static StepTaken taken(WorkflowRun run, Step step, Instant now, String outcome) {
        return new StepTaken(run.id(), run.stepsTaken(), step.id(), step.does(), step.inWords(), run.stepStartedAt(),
                now, outcome);
    }

    /** The first moment at or after {@code from} when the local clock shows {@code time} (DST: after a gap, once). */
    static Instant nextLocal(Instant from, LocalTime time, ZoneId zone) {
        ZonedDateTime local = from.atZone(zone);
        ZonedDateTime candidate = local.toLocalDate().atTime(time).atZone(zone);
        if (candidate.toInstant().isBefore(from)) {
            candidate = local.toLocalDate().plusDays(1).atTime(time).atZone(zone);
        }
        return candidate.toInstant();
    }
}
