package io.commandcenter.testmode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;

import io.commandcenter.engine.Decision;
import io.commandcenter.engine.EngineSession;
import io.commandcenter.engine.Schedule;
import io.commandcenter.engine.SiteMode;
import io.commandcenter.engine.facts.EmergencyStop;
import io.commandcenter.engine.facts.ModeWish;
import io.commandcenter.engine.facts.NotifyWish;
import io.commandcenter.engine.facts.ScheduledSwitch;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.workflow.WorkflowRun;
import io.commandcenter.workflow.WorkflowRunner;
import io.commandcenter.workflow.WorkflowsInSession;

/**
 * A dry run's schedules, workflows and site-mode switches, on the run's pseudo clock, with the facts and steps the
 * live platform uses: a schedule's switch is the same {@code ScheduledSwitch} fact ({@link Schedule#switchAt}), a
 * workflow moves by the same {@link WorkflowRunner}, and a mode switch (by a schedule, a workflow or an if/then rule)
 * sets the mode's settings in the session as the live engine does. What they did is recorded for the report.
 */
final class DryRunAutomation {

    private final Automation automation;
    private final EngineSession session;
    private final ZoneId zone;
    private final SiteSettings base;
    private final Consumer<SimulationReport.AutomationStep> recorder;
    private final WorkflowsInSession workflows;
    private Instant last;
    private int stepsRecorded;
    private final List<String> endedRecorded = new ArrayList<>();
    private final List<Automation.Start> started = new ArrayList<>();
    private final List<WorkflowRunner.Effect> effects = new ArrayList<>();

    DryRunAutomation(Automation automation, EngineSession session, ZoneId zone, SiteSettings base,
                     Consumer<SimulationReport.AutomationStep> recorder) {
        this.automation = automation;
        this.session = session;
        this.zone = zone;
        this.base = base;
        this.recorder = recorder;
        this.last = session.now();
        this.workflows = new WorkflowsInSession(session, zone, automation.workflows(), (run, e) -> effects.add(e));
    }

    /** After the session fired at this moment: the schedules and workflows act; returns the further decisions. */
    List<Decision> after(List<Decision> decided) {
        Instant now = session.now();
        List<ScheduledSwitch> switches = new ArrayList<>();
        for (Schedule s : automation.schedules()) {
            if (!s.enabled()) {
                continue;
            }
            for (Instant run : s.runsBetween(last, now, zone)) {
                if (s.does() == Schedule.Does.SET_MODE) {
                    if (stopped()) {
                        record(run, s.ruleName(), "SCHEDULE", "skipped: the emergency stop is on");
                    } else {
                        record(run, s.ruleName(), "SCHEDULE", s.inWords());
                        setMode(s.mode(), s.ruleName(), run);
                    }
                } else {
                    record(run, s.ruleName(), "SCHEDULE", s.inWords());
                }
            }
            ScheduledSwitch due = s.switchAt(now, zone);
            if (due != null) {
                switches.add(due);
            }
        }
        last = now;
        for (Automation.Start start : automation.starts()) {
            if (!start.at().isAfter(now) && !started.contains(start)) {
                started.add(start);
                automation.workflows().stream().filter(w -> w.name().equals(start.workflow())).findFirst()
                        .ifPresent(w -> workflows.start(w, "by hand"));
            }
        }
        List<Decision> more = new ArrayList<>();
        if (automation.workflows().isEmpty() && automation.schedules().isEmpty()) {
            wishes();
            return more;
        }
        more.addAll(workflows.look(decided, switches));
        List<WorkflowRun.StepTaken> steps = workflows.steps();
        for (; stepsRecorded < steps.size(); stepsRecorded++) {
            WorkflowRun.StepTaken t = steps.get(stepsRecorded);
            record(t.endedAt(), WorkflowRunner.ruleName(workflowOf(t), t.step()), "WORKFLOW_STEP",
                    t.inWords() + ": " + t.outcome());
        }
        // A step's mode switch or notice after the step itself, as the live log has them.
        List<WorkflowRunner.Effect> stepEffects = List.copyOf(effects);
        effects.clear();
        stepEffects.forEach(this::carryOut);
        for (WorkflowRun run : workflows.runs()) {
            if (!run.running() && !endedRecorded.contains(run.id().toString())) {
                endedRecorded.add(run.id().toString());
                record(run.endedAt(), "workflow / " + run.workflow(), "WORKFLOW_RUN",
                        run.status().name().toLowerCase(java.util.Locale.ROOT) + ": " + run.outcome());
            }
        }
        wishes();
        return more;
    }

    /** The if/then rules' own mode switches and notifications (the live engine hands them on as events). */
    private void wishes() {
        for (Object wish : session.drainAutomationWishes()) {
            if (wish instanceof ModeWish m) {
                setMode(m.mode(), m.rule(), session.now());
            } else if (wish instanceof NotifyWish n) {
                record(session.now(), n.rule(), "NOTIFY", n.message() == null ? "" : n.message());
            }
        }
    }

    private String workflowOf(WorkflowRun.StepTaken t) {
        return workflows.runs().stream().filter(r -> r.id().equals(t.run())).findFirst().map(WorkflowRun::workflow)
                .orElse("?");
    }

    private void carryOut(WorkflowRunner.Effect effect) {
        if (effect instanceof WorkflowRunner.SetMode m) {
            setMode(m.mode(), m.rule(), session.now());
        } else if (effect instanceof WorkflowRunner.Notify n) {
            record(session.now(), n.rule(), "NOTIFY", n.message());
        }
    }

    private void setMode(String name, String by, Instant at) {
        SiteMode mode = automation.modes().stream().filter(m -> m.name().equals(name)).findFirst().orElse(null);
        session.setActiveMode(name);
        if (mode != null) {
            session.setSettings(mode.applyTo(base));
            if (mode.confirmation() != null) {
                session.setConfirmationMode(mode.confirmation());
            }
        }
        record(at, by, "SET_MODE", "site mode " + name + (mode == null ? " (unknown here: settings unchanged)"
                : mode.changes().isEmpty() ? "" : ": " + String.join(", ", mode.changes())));
    }

    private boolean stopped() {
        return session.facts(EmergencyStop.class).stream().anyMatch(EmergencyStop::active);
    }

    private void record(Instant at, String by, String what, String detail) {
        recorder.accept(new SimulationReport.AutomationStep(Numbers.time(Objects.requireNonNullElse(at, session.now())),
                by, what, detail, false));
    }
}
