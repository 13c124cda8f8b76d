package io.commandcenter.workflow;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.BiConsumer;

import io.commandcenter.engine.Decision;
import io.commandcenter.engine.EngineSession;
import io.commandcenter.engine.SiteView;
import io.commandcenter.engine.WatchedCondition;
import io.commandcenter.engine.facts.ScheduledSwitch;

/**
 * Workflows in one pseudo-clock session (dry runs and tests), moved along exactly as {@link WorkflowService} moves
 * them live: the same {@link WorkflowRunner}, the same facts, the same rules. Daily starts come on time (a dry run
 * has no downtime); a mode switch or a notification is handed to {@code effects}.
 */
public final class WorkflowsInSession {

    private final EngineSession session;
    private final ZoneId zone;
    private final List<Workflow> workflows;
    private final BiConsumer<WorkflowRun, WorkflowRunner.Effect> effects;
    private final List<WorkflowRun> runs = new ArrayList<>();
    private final List<WorkflowRun.StepTaken> steps = new ArrayList<>();
    private List<ScheduledSwitch> inSession = List.of();
    private List<WatchedCondition> watchedInSession = List.of();
    private Instant lastStartCheck;

    public WorkflowsInSession(EngineSession session, ZoneId zone, List<Workflow> workflows,
                              BiConsumer<WorkflowRun, WorkflowRunner.Effect> effects) {
        this.session = session;
        this.zone = zone;
        this.workflows = List.copyOf(workflows);
        this.effects = effects;
        this.lastStartCheck = session.now();
    }

    /** Starts a run now, as a person would by hand. */
    public WorkflowRun start(Workflow w, String by) {
        WorkflowRun run = WorkflowRun.start(w, session.now(), by);
        runs.add(run);
        return run;
    }

    /** Takes on a run as it was stored elsewhere (a restart): it goes on at its step, never at the first. */
    public void resume(WorkflowRun run) {
        runs.add(run);
    }

    /**
     * After the session fired at this moment ({@code decided} is what it decided): starts the workflows due since
     * the last look, moves every run along and returns the further decisions the steps led to. {@code schedules}
     * are the schedules' switches in force, which share the session's switch facts with the steps'.
     */
    public List<Decision> look(List<Decision> decided, List<ScheduledSwitch> schedules) {
        Instant now = session.now();
        startDue(now);
        List<Decision> more = new ArrayList<>();
        List<Decision> forSteps = new ArrayList<>(mine(decided));
        for (int look = 0; look < WorkflowRunner.MAX_STEPS_PER_LOOK; look++) {
            List<WorkflowRun> running = runs.stream().filter(WorkflowRun::running).toList();
            List<ScheduledSwitch> switches = new ArrayList<>(schedules);
            switches.addAll(WorkflowRunner.switches(running));
            List<WatchedCondition> watched = WorkflowRunner.watched(running);
            if (!switches.equals(inSession) || !watched.equals(watchedInSession)) {
                session.useScheduledSwitches(switches);
                session.useWatchedConditions(watched);
                inSession = List.copyOf(switches);
                watchedInSession = List.copyOf(watched);
                List<Decision> fired = session.fire();
                more.addAll(fired);
                forSteps.addAll(mine(fired));
            }
            if (running.isEmpty()) {
                break;
            }
            SiteView view = session.view(forSteps);
            forSteps.clear();
            boolean moved = false;
            for (WorkflowRun run : running) {
                WorkflowRunner.Progress p = WorkflowRunner.advance(run, view, now, zone);
                runs.set(runs.indexOf(run), p.run());
                p.taken().ifPresent(steps::add);
                p.effects().forEach(e -> effects.accept(p.run(), e));
                moved |= p.moved();
            }
            if (!moved) {
                break;
            }
        }
        return more;
    }

    /** The decisions on requests the current steps made. */
    private List<Decision> mine(List<Decision> decided) {
        Set<String> names = new HashSet<>();
        inSession.forEach(s -> names.add(s.rule()));
        return decided.stream().filter(d -> names.contains(d.requestedBy())).toList();
    }

    private void startDue(Instant now) {
        for (Workflow w : workflows) {
            if (!w.enabled() || w.startsAt() == null) {
                continue;
            }
            boolean due = false;
            for (Instant at = WorkflowRunner.nextLocal(lastStartCheck.plusMillis(1), w.startsAt(), zone);
                 !at.isAfter(now); at = WorkflowRunner.nextLocal(at.plusMillis(1), w.startsAt(), zone)) {
                int day = at.atZone(zone).getDayOfWeek().getValue();
                due |= w.weekdays().isEmpty() || w.weekdays().contains(day);
            }
            boolean running = runs.stream().anyMatch(r -> r.running() && r.workflow().equals(w.name()));
            if (due && !running) {
                runs.add(WorkflowRun.start(w, now, "schedule"));
            }
        }
        lastStartCheck = now;
    }

    public List<WorkflowRun> runs() {
        return List.copyOf(runs);
    }

    public List<WorkflowRun.StepTaken> steps() {
        return List.copyOf(steps);
    }
}
