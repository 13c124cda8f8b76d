package io.commandcenter.control;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;

import io.commandcenter.control.CommandOutcome.Result;
import io.commandcenter.control.CommandStateMachine.Next;
import io.commandcenter.control.CommandStateMachine.State;
import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.device.UnknownDevice;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.CommandCarriedOut;
import io.commandcenter.engine.CommandFailed;
import io.commandcenter.engine.CommandNotSent;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.Source;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.stereotype.Service;

/**
 * The one way any action reaches hardware, whoever asks: rules check, one command per device at a time,
 * online check, send, verify by polling, retry with backoff, roll back on final failure.
 * The emergency stop halts automated and agent actions at once, also mid-way (every wait ends on it),
 * and nothing automated switches a load on while it is engaged; the battery floor's protective offs
 * ({@link Source#SAFETY}) and a person's own commands still act.
 * Every step is written to the action log before the next one starts, so an action cut short
 * by a crash can be reconciled and is never run twice.
 * <p>
 * Each command goes through the states of {@link CommandStateMachine}; its waits are steps scheduled on the
 * clock, never a sleeping thread. The caller waits for the outcome.
 */
@Service
public class CommandService {

    private static final Log log = LogFactory.getLog(CommandService.class);

    private final DeviceRegistry devices;
    private final CommandStateMachine states;
    private final ActionLogRepository actionLog;
    private final DeviceQueues queues;
    private final InFlightRequests inFlight;
    private final ControlFlags flags;
    private final Clock clock;
    private final TaskScheduler scheduler;
    private final ApplicationEventPublisher events;
    private final Map<UUID, CommandRun> running = new ConcurrentHashMap<>();

    CommandService(DeviceRegistry devices, CommandStateMachine states, ActionLogRepository actionLog,
                   DeviceQueues queues, InFlightRequests inFlight, ControlFlags flags, Clock clock,
                   @Qualifier(ControlConfiguration.COMMAND_STEPS) TaskScheduler scheduler,
                   ApplicationEventPublisher events) {
        this.devices = devices;
        this.states = states;
        this.actionLog = actionLog;
        this.queues = queues;
        this.inFlight = inFlight;
        this.flags = flags;
        this.clock = clock;
        this.scheduler = scheduler;
        this.events = events;
    }

    /** Whether automated actions reach hardware (manual ones always do): the HARDWARE_CONTROL flag. */
    public boolean hardwareEnabled() {
        return flags.hardwareEnabled();
    }

    /** Whether automation's own proposals are carried out: the AUTOMATION flag. */
    public boolean automationEnabled() {
        return flags.automationEnabled();
    }

    /**
     * Runs a request to its end and says what happened. A request id that was seen before is
     * not run again: its recorded outcome is returned.
     *
     * @throws UnknownDevice when the device is not in the registry
     */
    public CommandOutcome execute(ActionRequest request) {
        return run(request, null);
    }

    /** Carries out an automation action the rules already decided on (no second evaluation). */
    CommandOutcome carryOut(ActionRequest request, Decision decision) {
        return run(request, EngineActionGate.rulingOf(decision));
    }

    private CommandOutcome run(ActionRequest request, ActionGate.Ruling alreadyDecided) {
        var previous = actionLog.find(request.id());
        if (previous.isPresent()) {
            return outcomeOf(previous.get());
        }
        Device device = devices.findByName(request.device())
                .orElseThrow(() -> new UnknownDevice(request.device()));
        CommandRun run = new CommandRun(request, device, alreadyDecided, System.nanoTime());
        actionLog.append(request, "REQUESTED", clock.instant(), null, null, null, Map.of("reason", request.reason()));
        running.put(request.id(), run);
        scheduler.schedule(() -> advance(run, 0), clock.instant());
        try {
            return run.outcome.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    /**
     * Runs the run's steps until it waits or ends; a wait becomes a step scheduled on the clock. A step scheduled
     * earlier that was overtaken (the run was woken) does nothing.
     */
    private void advance(CommandRun run, long step) {
        synchronized (run) {
            boolean woken = run.woken.getAndSet(false);
            if (run.state.finished() || (!woken && step != run.step)) {
                return;
            }
            if (run.pending != null) {
                run.pending.cancel(false);
            }
            try {
                Next next;
                do {
                    next = states.step(run);
                    run.state = next.state();
                } while (!run.state.finished() && (next.after().isZero() || run.woken.getAndSet(false)));
                if (run.state.finished()) {
                    end(run, finish(run));
                    return;
                }
                long nextStep = ++run.step;
                run.pending = scheduler.schedule(() -> advance(run, nextStep), clock.instant().plus(next.after()));
            } catch (RuntimeException | Error e) {
                // The caller hears of it; the device and the in-flight slot are given back all the same.
                run.state = State.FAILED;
                log.error("Action " + run.request.id() + " on " + run.device.name() + " stopped unexpectedly", e);
                end(run, null);
                run.outcome.completeExceptionally(e);
            }
        }
    }

    /** Its turn on the device came, or STOP was engaged: the run's next step goes now, not when it was due. */
    private void wake(CommandRun run) {
        run.woken.set(true);
        scheduler.schedule(() -> advance(run, -1), clock.instant());
    }

    /** First of the listeners: actions in flight must end before anyone is told about the stop. */
    @EventListener
    @Order(Ordered.HIGHEST_PRECEDENCE)
    void onEmergencyStop(EmergencyStopSwitch.EmergencyStopChanged changed) {
        if (changed.state().engaged()) {
            running.values().stream().filter(CommandRun::stoppable).forEach(this::wake);
        }
    }

    /**
     * The application is stopping and the steps still to come will not run: whoever waits is let go at once. The
     * log shows those actions unfinished, and the next start reconciles them as after a crash.
     */
    @EventListener(ContextClosedEvent.class)
    void onShutdown() {
        running.values().forEach(run -> run.outcome.completeExceptionally(new IllegalStateException(
                "The application is stopping: action " + run.request.id() + " is settled when it starts again")));
    }

    /** Gives back the device (waking the next action waiting for it) and the in-flight slot. */
    private void end(CommandRun run, CommandOutcome outcome) {
        if (run.queued) {
            queues.leave(run.device.name(), run.request.id()).map(running::get).ifPresent(this::wake);
        }
        if (run.admitted) {
            inFlight.done(run.request);
        }
        running.remove(run.request.id());
        if (outcome != null) {
            run.outcome.complete(outcome);
        }
    }

    private CommandOutcome finish(CommandRun run) {
        ActionRequest request = run.request;
        Result result = run.result;
        Boolean finalOn = run.finalOn;
        int attempts = run.sent;
        List<String> reasons = run.reasons;
        long latencyMs = Duration.ofNanos(System.nanoTime() - run.startedNanos).toMillis();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reasons", reasons);
        detail.put("latencyMs", latencyMs);
        detail.put("finalOn", finalOn == null ? "unknown" : onOff(finalOn));
        actionLog.append(request, "FINISHED", clock.instant(), run.previousOn, attempts, result.name(), detail);
        if (result != Result.SUCCEEDED) {
            log.info("Action " + request.id() + " on " + request.device() + ": " + result + " " + reasons);
        }
        if (request.source() == Source.SAFETY && result != Result.SUCCEEDED && result != Result.WOULD_EXECUTE) {
            log.warn("Protective off of " + request.device() + " did not take: " + result + " " + reasons);
            events.publishEvent(new ProtectiveOffFailed(request.id(), request.device(), request.reason(), result,
                    finalOn == null ? "unknown" : onOff(finalOn), attempts, reasons, clock.instant()));
        }
        publishOutcome(request, result, attempts, reasons);
        return new CommandOutcome(request.id(), request.device(), request.on(), result, run.previousOn, finalOn,
                reasons, run.rules, attempts, latencyMs);
    }

    /** Tells the rules what became of the command, so only a command carried out holds the device. */
    private void publishOutcome(ActionRequest request, Result result, int attempts, List<String> reasons) {
        var at = clock.instant();
        switch (result) {
            case SUCCEEDED -> events.publishEvent(new CommandCarriedOut(request.id(), request.device(), request.on(),
                    request.source(), at));
            case FAILED -> events.publishEvent(new CommandFailed(request.id(), request.device(), request.on(),
                    request.source(), result.name(), reasons, at));
            case HALTED -> events.publishEvent(attempts > 0
                    ? new CommandFailed(request.id(), request.device(), request.on(), request.source(), result.name(),
                            reasons, at)
                    : new CommandNotSent(request.id(), request.device(), request.on(), request.source(),
                            result.name(), reasons, at));
            case BLOCKED, BUSY, OFFLINE, WOULD_EXECUTE -> events.publishEvent(new CommandNotSent(request.id(),
                    request.device(), request.on(), request.source(), result.name(), reasons, at));
            case UNKNOWN -> {
                // Not known yet: the reservation stands until a later check settles it.
            }
        }
    }

    static CommandOutcome outcomeOf(ActionRecord action) {
        Result result = action.result() == null ? null : Result.valueOf(action.result());
        Boolean finalOn = action.events().stream()
                .filter(e -> e.kind().equals("FINISHED") || e.kind().equals("RECONCILED"))
                .map(e -> e.detail().get("finalOn"))
                .reduce((first, later) -> later) // a later re-check settles an earlier unknown
                .filter(v -> "on".equals(v) || "off".equals(v))
                .map("on"::equals).orElse(null);
        return new CommandOutcome(action.id(), action.device(), action.requestedOn(), result, action.previousOn(),
                finalOn, action.reasons(), action.rules(), action.attempts(),
                action.latencyMs() == null ? 0 : action.latencyMs());
    }

    private static String onOff(boolean on) {
        return CommandStateMachine.onOff(on);
    }
}
