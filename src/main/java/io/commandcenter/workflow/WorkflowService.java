package io.commandcenter.workflow;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import io.commandcenter.control.EmergencyStopSwitch.EmergencyStopChanged;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.engine.ConditionCheck;
import io.commandcenter.engine.RulesEngine;
import io.commandcenter.engine.SiteModeService;
import io.commandcenter.engine.SiteView;
import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureFlags;
import io.commandcenter.workflow.WorkflowRun.Status;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Runs the workflows: starts them at their daily time or by hand, and on every tick moves each running run along
 * by what the rules engine sees ({@link WorkflowRunner}). Each step's end is stored with the run's new place and
 * its effect (a mode switch; a notification, as an event the publication registry keeps) in one transaction, so a
 * restart resumes a run where it stood and never takes a step twice. The emergency stop halts every running run;
 * so does switching automation off.
 */
@Service
public class WorkflowService {

    /** A daily start found this late was missed (the platform was down): it is skipped, not run late. */
    static final Duration GRACE = Duration.ofMinutes(2);

    private static final Log log = LogFactory.getLog(WorkflowService.class);

    private final WorkflowRepository workflows;
    private final WorkflowRunRepository runs;
    private final RulesEngine engine;
    private final SiteModeService siteModes;
    private final DeviceRegistry devices;
    private final ConditionCheck conditions;
    private final FeatureFlags flags;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    private final Clock clock;
    private final ZoneId zone;
    // Whether the engine holds wishes or conditions of ours, so an idle tick does not call it for nothing.
    private boolean engineHoldsOurs = true;

    WorkflowService(WorkflowRepository workflows, WorkflowRunRepository runs, RulesEngine engine,
                    SiteModeService siteModes, DeviceRegistry devices, ConditionCheck conditions, FeatureFlags flags,
                    ApplicationEventPublisher events, PlatformTransactionManager transactionManager, Clock clock,
                    @Value("${commandcenter.engine.zone:UTC}") ZoneId zone) {
        this.workflows = workflows;
        this.runs = runs;
        this.engine = engine;
        this.siteModes = siteModes;
        this.devices = devices;
        this.conditions = conditions;
        this.flags = flags;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.clock = clock;
        this.zone = zone;
    }

    List<WorkflowRepository.Stored> all() {
        return workflows.findAll();
    }

    /** The workflows as stored (dry runs carry them out too). */
    public List<Workflow> workflows() {
        return workflows.findAll().stream().map(WorkflowRepository.Stored::workflow).toList();
    }

    Workflow find(String name) {
        return workflows.find(name).orElseThrow(() -> new UnknownWorkflow(name));
    }

    Workflow save(Workflow w, String by) {
        new WorkflowValidator(name -> devices.findByName(name).isPresent(),
                name -> siteModes.all().stream().anyMatch(m -> m.name().equals(name)), conditions)
                .check(w).throwIfAny("invalid-workflow", "The workflow was not saved");
        workflows.save(w, clock.instant(), by);
        log.info("Workflow " + w.name() + " saved by " + by + ": " + w.inWords());
        return w;
    }

    void delete(String name) {
        if (!workflows.delete(name)) {
            throw new UnknownWorkflow(name);
        }
    }

    /** The site's time zone, in which a workflow's start time and its waits' times are meant. */
    ZoneId zone() {
        return zone;
    }

    /** The next daily start after now, or null when it starts only by hand (or is off). */
    public Instant nextStart(Workflow w) {
        return w.enabled() && w.startsAt() != null ? nextStart(w, clock.instant()) : null;
    }

    private Instant nextStart(Workflow w, Instant after) {
        ZonedDateTime day = after.atZone(zone).toLocalDate().atStartOfDay(zone);
        for (int i = 0; i < 8; i++, day = day.plusDays(1)) {
            if (w.weekdays().isEmpty() || w.weekdays().contains(day.getDayOfWeek().getValue())) {
                Instant at = WorkflowRunner.nextLocal(day.toInstant(), w.startsAt(), zone);
                if (at.isAfter(after)) {
                    return at;
                }
            }
        }
        return null;
    }

    /** Runs started in the last 7 days per workflow: [count, latest start]. */
    java.util.Map<String, Object[]> startsThisWeek() {
        return runs.startsSince(clock.instant().minus(Duration.ofDays(7)));
    }

    /** Switches a workflow on or off (off: it no longer starts at its time; a run under way goes on). */
    Workflow setEnabled(String name, boolean enabled, String by) {
        Workflow w = find(name);
        Workflow changed = new Workflow(w.name(), enabled, w.startsAt(), w.weekdays(), w.steps());
        workflows.save(changed, clock.instant(), by);
        log.info("Workflow " + name + " switched " + (enabled ? "on" : "off") + " by " + by);
        return changed;
    }

    public List<WorkflowRun> recentRuns(int limit) {
        return runs.recent(limit);
    }

    WorkflowRun run(UUID id) {
        return runs.find(id).orElseThrow(() -> new UnknownWorkflowRun(id));
    }

    List<WorkflowRun.StepTaken> steps(UUID run) {
        return runs.steps(run);
    }

    /** Starts a run now; refused while one of the same workflow runs, while STOP is on, or with automation off. */
    synchronized WorkflowRun start(String name, String by) {
        Workflow w = find(name);
        if (!flags.isEnabled(Feature.AUTOMATION)) {
            throw new WorkflowNotStarted(name, "automation is switched off (feature flag AUTOMATION)");
        }
        if (runs.running().stream().anyMatch(r -> r.workflow().equals(name))) {
            throw new WorkflowNotStarted(name, "it is already running");
        }
        WorkflowRun run = WorkflowRun.start(w, clock.instant(), by);
        runs.insert(run);
        log.info("Workflow " + name + " started by " + by);
        tick(clock.instant());
        return runs.find(run.id()).orElse(run);
    }

    /** Cancels a running run by hand; its current step's switch is no longer wished. */
    synchronized WorkflowRun cancel(UUID id, String by) {
        WorkflowRun run = run(id);
        if (!run.running()) {
            throw new WorkflowNotStarted(run.workflow(), "this run is not running (" + run.status() + ")");
        }
        runs.update(run.ended(Status.CANCELLED, clock.instant(), "cancelled by " + by + " at step " + run.step()));
        tick(clock.instant());
        return run(id);
    }

    /** STOP halts every running run at once (the tick would also see it). */
    @EventListener
    void onEmergencyStop(EmergencyStopChanged changed) {
        if (changed.state().engaged()) {
            halt("halted by the emergency stop");
        }
    }

    private synchronized void halt(String why) {
        for (WorkflowRun run : runs.running()) {
            runs.update(run.ended(Status.HALTED, clock.instant(), why + " at step " + run.step()));
            log.warn("Workflow " + run.workflow() + " " + why);
        }
        engineHoldsOurs = true; // the halted steps' wishes are taken back on the next tick
    }

    @Scheduled(fixedDelayString = "${commandcenter.workflow.tick:15s}", initialDelayString = "${commandcenter.workflow.tick:15s}")
    void tick() {
        try {
            tick(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Workflows could not move on: " + e.getMessage());
        }
    }

    synchronized void tick(Instant now) {
        if (!flags.isEnabled(Feature.AUTOMATION)) {
            halt("halted: automation is switched off");
        } else {
            startDue(now);
        }
        List<WorkflowRun> running = runs.running();
        if (running.isEmpty() && !engineHoldsOurs) {
            return;
        }
        for (int look = 0; look < WorkflowRunner.MAX_STEPS_PER_LOOK; look++) {
            SiteView view = engine.automate(WorkflowRunner.switches(running), WorkflowRunner.watched(running));
            engineHoldsOurs = !running.isEmpty();
            boolean moved = false;
            List<WorkflowRun> still = new ArrayList<>();
            for (WorkflowRun run : running) {
                WorkflowRunner.Progress p = WorkflowRunner.advance(run, view, now, zone);
                if ((p.changed() || p.moved()) && !store(p)) {
                    continue; // cancelled or halted meanwhile
                }
                moved |= p.moved();
                if (p.run().running()) {
                    still.add(p.run());
                }
            }
            running = still;
            if (!moved) {
                return;
            }
        }
        log.warn("Workflows took " + WorkflowRunner.MAX_STEPS_PER_LOOK + " steps in one look; the rest waits for the next tick");
    }

    /** The step's end, the run's new place and the step's effect, together or not at all. */
    private boolean store(WorkflowRunner.Progress p) {
        Boolean stored = transactions.execute(status -> {
            if (!runs.update(p.run())) {
                return false;
            }
            p.taken().ifPresent(runs::recordStep);
            for (WorkflowRunner.Effect effect : p.effects()) {
                if (effect instanceof WorkflowRunner.SetMode m) {
                    siteModes.switchTo(m.mode(), m.rule(), "workflow step");
                } else if (effect instanceof WorkflowRunner.Notify n) {
                    events.publishEvent(new WorkflowNotifies(p.run().workflow(), n.rule(), n.message(), n.critical(),
                            clock.instant()));
                }
            }
            return true;
        });
        p.taken().ifPresent(t -> log.info("Workflow " + p.run().workflow() + ", step " + t.step() + " (" + t.inWords()
                + "): " + t.outcome()));
        if (!p.run().running()) {
            log.info("Workflow " + p.run().workflow() + " " + p.run().status().name().toLowerCase() + ": " + p.run().outcome());
        }
        return Boolean.TRUE.equals(stored);
    }

    /** Daily starts that came due since the last one taken; a start found later than {@link #GRACE} was missed. */
    private void startDue(Instant now) {
        for (WorkflowRepository.Stored stored : workflows.findAll()) {
            Workflow w = stored.workflow();
            if (!w.enabled() || w.startsAt() == null) {
                continue;
            }
            Instant since = stored.lastDue() != null ? stored.lastDue() : stored.updatedAt();
            Instant due = null;
            for (Instant next = nextStart(w, since); next != null && !next.isAfter(now); next = nextStart(w, next)) {
                due = next;
            }
            if (due == null) {
                continue;
            }
            workflows.recordDue(w.name(), due);
            if (Duration.between(due, now).compareTo(GRACE) > 0) {
                log.warn("Workflow " + w.name() + ": the start at " + due + " was missed while the platform was down;"
                        + " skipped");
            } else if (runs.running().stream().anyMatch(r -> r.workflow().equals(w.name()))) {
                log.warn("Workflow " + w.name() + ": not started at " + due + ", the run before is still going");
            } else {
                runs.insert(WorkflowRun.start(w, now, "schedule"));
                log.info("Workflow " + w.name() + " started at its time");
            }
        }
    }
}
