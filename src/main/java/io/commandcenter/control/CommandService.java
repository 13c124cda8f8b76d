package io.commandcenter.control;

import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.commandcenter.control.CommandOutcome.Result;
import io.commandcenter.device.DeviceSwitch;
import io.commandcenter.device.FallbackDeviceSwitch;
import io.commandcenter.device.Device;
import io.commandcenter.engine.CommandCarriedOut;
import io.commandcenter.engine.CommandFailed;
import io.commandcenter.engine.CommandNotSent;
import io.commandcenter.engine.Decision;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.validation.ProblemException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;

/**
 * The one way any action reaches hardware, whoever asks: rules check, one command per device at a time,
 * online check, send, verify by polling, retry with backoff, roll back on final failure.
 * The emergency stop halts automated and agent actions at once, also mid-way (every wait wakes on it),
 * and nothing automated switches a load on while it is engaged; the battery floor's protective offs
 * ({@link Source#SAFETY}) and a person's own commands still act.
 * Every step is written to the action log before the next one starts, so an action cut short
 * by a crash can be reconciled and is never run twice.
 */
@Service
public class CommandService {

    private static final Log log = LogFactory.getLog(CommandService.class);

    private final DeviceRegistry devices;
    private final ActionGate gate;
    private final DeviceSwitch relay;
    private final ActionLogRepository actionLog;
    private final RetryQueueRepository retryQueue;
    private final EmergencyStopSwitch emergencyStop;
    private final ControlProperties settings;
    private final boolean hardwareEnabled;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final DeviceQueues queues = new DeviceQueues();
    private final InFlightRequests inFlight;

    CommandService(DeviceRegistry devices, ActionGate gate, DeviceSwitch relay, ActionLogRepository actionLog,
                   RetryQueueRepository retryQueue, EmergencyStopSwitch emergencyStop, ControlProperties settings,
                   HardwareSwitchFlag hardwareFlag, Clock clock, ApplicationEventPublisher events) {
        this.devices = devices;
        this.gate = gate;
        this.relay = relay;
        this.actionLog = actionLog;
        this.retryQueue = retryQueue;
        this.emergencyStop = emergencyStop;
        this.settings = settings;
        this.hardwareEnabled = hardwareFlag.enabled();
        this.clock = clock;
        this.events = events;
        this.inFlight = new InFlightRequests(settings.sameMoment());
    }

    /** Whether automated actions reach hardware (manual ones always do). */
    public boolean hardwareEnabled() {
        return hardwareEnabled;
    }

    /**
     * Runs a request to its end and says what happened. A request id that was seen before is
     * not run again: its recorded outcome is returned.
     *
     * @throws ProblemException 404 when the device is not in the registry
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
                .orElseThrow(() -> ProblemException.notFound("unknown-device", "No device named " + request.device()));
        long started = System.nanoTime();
        actionLog.append(request, "REQUESTED", clock.instant(), null, null, null, Map.of("reason", request.reason()));

        var opposite = inFlight.admit(request);
        if (opposite.isPresent()) {
            ActionRequest other = opposite.get().request();
            return finish(request, started, Result.BLOCKED, null, null, 0, List.of("Refused: an opposite "
                    + other.source() + " command (switch " + device.name() + " " + onOff(other.on()) + ", from "
                    + other.requestedBy() + ") arrived " + opposite.get().ageMillis(System.nanoTime())
                    + " ms earlier and is still being carried out. Send this one again if you mean it."), List.of());
        }
        try {
            return decideAndSwitch(request, alreadyDecided, device, started);
        } finally {
            inFlight.done(request);
        }
    }

    private CommandOutcome decideAndSwitch(ActionRequest request, ActionGate.Ruling alreadyDecided, Device device,
                                           long started) {
        if (haltedByStop(request)) {
            return finish(request, started, Result.HALTED, null, null, 0,
                    List.of("Emergency stop engaged by " + emergencyStop.state().who() + ": " + emergencyStop.state().why()),
                    List.of());
        }

        ActionGate.Ruling verdict = alreadyDecided != null ? alreadyDecided : gate.check(request);
        Map<String, Object> decided = new LinkedHashMap<>();
        decided.put("reasons", verdict.reasons());
        decided.put("rules", verdict.rules());
        if (verdict.holdUntil() != null) decided.put("holdUntil", verdict.holdUntil().toString());
        actionLog.append(request, "DECIDED", clock.instant(), null, null, verdict.outcome().name(), decided);
        if (!verdict.allowed()) {
            return finish(request, started, Result.BLOCKED, null, null, 0, verdict.reasons(), verdict.rules());
        }
        if (request.source() != Source.MANUAL && !hardwareEnabled) {
            return finish(request, started, Result.WOULD_EXECUTE, null, null, 0,
                    List.of("Hardware control is off: would switch " + device.name() + (request.on() ? " on" : " off")),
                    verdict.rules());
        }

        var held = queues.acquire(device.name(), request.id(), settings.lockWait(), () -> haltedByStop(request));
        if (held.isEmpty() && haltedByStop(request)) {
            return finish(request, started, Result.HALTED, null, null, 0,
                    List.of("Emergency stop engaged by " + emergencyStop.state().who() + " while waiting for "
                            + device.name() + ": nothing was sent"), verdict.rules());
        }
        if (held.isEmpty()) {
            return finish(request, started, Result.BUSY, null, null, 0,
                    List.of(device.name() + " is busy with action " + queues.holder(device.name()).orElse(null)),
                    verdict.rules());
        }
        try (var ignored = held.get()) {
            return switchDevice(request, device, verdict, started);
        }
    }

    private CommandOutcome switchDevice(ActionRequest request, Device device, ActionGate.Ruling verdict, long started) {
        boolean protective = request.source() == Source.SAFETY;
        DeviceSwitch.RelayStatus before;
        try {
            before = relay.read(device);
        } catch (DeviceSwitch.SwitchException e) {
            if (!protective) {
                // Without the current state there is nothing to roll back to: do not send.
                return finish(request, started, Result.FAILED, null, null, 0,
                        List.of("Could not read " + device.name() + " before switching: " + e.getMessage()), verdict.rules());
            }
            // A protective off is never undone, so it needs no previous state: send anyway, verification decides.
            actionLog.append(request, "READ_FAILED", clock.instant(), null, null, null,
                    Map.of("error", String.valueOf(e.getMessage())));
            before = null;
        }
        if (before != null && !before.online()) {
            boolean queued = request.source() == Source.AUTOMATION || protective;
            if (queued) {
                retryQueue.enqueue(request, clock.instant(), settings.retryOfflineEvery());
            }
            return finish(request, started, Result.OFFLINE, null, null, 0,
                    List.of(device.name() + " is offline; no command was sent"
                            + (queued ? "; waiting for the device: it runs again (rules re-checked) when it is back" : "")),
                    verdict.rules());
        }
        Boolean previousOn = before == null ? null : before.on();
        if (previousOn != null && previousOn == request.on()) {
            return finish(request, started, Result.SUCCEEDED, previousOn, previousOn, 0,
                    List.of(device.name() + " was already " + onOff(request.on())), verdict.rules());
        }

        int attempts = protective ? settings.protectiveAttempts() : settings.attempts();
        long giveUpAt = System.nanoTime() + settings.protectiveRetryFor().toNanos();
        Duration backoff = settings.backoff();
        Boolean seen = previousOn;
        int sent = 0;
        for (int attempt = 1; attempt <= attempts; attempt++) {
            if (haltedByStop(request)) {
                return halted(request, previousOn, seen, sent, started, verdict.rules());
            }
            // The cloud took the command but the relay did not switch: go to the device over the LAN instead.
            DeviceSwitch route = protective && attempt > 1 ? relay.local(device).orElse(relay) : relay;
            actionLog.append(request, "SENT", clock.instant(), previousOn, attempt, null, Map.of("via", route.name()));
            sent = attempt;
            long sendStarted = System.nanoTime();
            boolean sendUncertain;
            try {
                route.set(device, request.on());
                // A slow send means a request timed out and was repeated; the lost one may still arrive.
                sendUncertain = Duration.ofNanos(System.nanoTime() - sendStarted).compareTo(settings.slowSend()) > 0;
            } catch (DeviceSwitch.SwitchException e) {
                // The device may still have switched: verification below finds out.
                sendUncertain = true;
                actionLog.append(request, "SEND_FAILED", clock.instant(), previousOn, attempt, null,
                        Map.of("error", String.valueOf(e.getMessage())));
            }
            // Sent over the LAN: read it there too (the cloud's copy of the state can lag), the cloud if that fails.
            DeviceSwitch reader = route == relay ? relay : new FallbackDeviceSwitch(route, relay, d -> false);
            seen = verify(request, reader, device, request.on(), seen);
            if (sendUncertain && Boolean.valueOf(request.on()).equals(seen) && !haltedByStop(request)) {
                // Keep the device's turn until a late copy of any command sent so far can no longer land,
                // then look again: only a state that holds counts as verified.
                if (!pause(request, settings.settle())) {
                    seen = verify(request, reader, device, request.on(), seen);
                }
            }
            boolean match = Boolean.valueOf(request.on()).equals(seen);
            actionLog.append(request, "VERIFIED", clock.instant(), previousOn, attempt, match ? "MATCH" : "MISMATCH",
                    Map.of("seen", seen == null ? "unknown" : onOff(seen)));
            if (match) {
                return finish(request, started, Result.SUCCEEDED, previousOn, seen, attempt, duringStop(request),
                        verdict.rules());
            }
            if (haltedByStop(request)) {
                return halted(request, previousOn, seen, sent, started, verdict.rules());
            }
            if (attempt < attempts) {
                if (protective && System.nanoTime() + backoff.toNanos() > giveUpAt) {
                    break;
                }
                if (pause(request, backoff)) {
                    return halted(request, previousOn, seen, sent, started, verdict.rules());
                }
                backoff = backoff.multipliedBy(2);
            }
        }
        return rollBack(request, device, previousOn, seen, sent, started,
                device.name() + " did not switch " + onOff(request.on()) + " after " + sent + " attempts",
                verdict.rules());
    }

    /** STOP cut an action short: nothing more is sent and nothing is undone; the relay stays as it was last seen. */
    private CommandOutcome halted(ActionRequest request, Boolean previousOn, Boolean seen, int attempts, long started,
                                  List<String> rules) {
        var stop = emergencyStop.state();
        return finish(request, started, Result.HALTED, previousOn, seen, attempts,
                List.of("Emergency stop engaged by " + stop.who() + " during the action: nothing more was sent and "
                        + "nothing was rolled back; left as it is (last seen " + (seen == null ? "unknown" : onOff(seen))
                        + ")"), rules);
    }

    /**
     * Puts the device back in its recorded previous state and reports what it was left in. Never while STOP is
     * engaged if that would switch a load on, and never for a protective off: undoing it would restart the load.
     */
    private CommandOutcome rollBack(ActionRequest request, Device device, Boolean previousOn, Boolean seen, int attempts,
                                    long started, String why, List<String> rules) {
        Boolean finalOn = seen;
        String rollback;
        if (request.source() == Source.SAFETY) {
            rollback = "none: a protective off is never undone";
        } else if (previousOn == null) {
            rollback = "no previous state known";
        } else if (previousOn && emergencyStop.engaged()) {
            rollback = "not sent: the emergency stop is engaged and it would switch " + device.name() + " on";
        } else {
            actionLog.append(request, "ROLLBACK_SENT", clock.instant(), previousOn, attempts, null,
                    Map.of("via", relay.name(), "state", onOff(previousOn)));
            try {
                relay.set(device, previousOn);
            } catch (DeviceSwitch.SwitchException e) {
                log.warn("Rollback of " + device.name() + " failed to send: " + e.getMessage());
            }
            finalOn = verify(request, relay, device, previousOn, seen);
            rollback = previousOn.equals(finalOn) ? "restored " + onOff(previousOn) : "rollback not confirmed";
        }
        actionLog.append(request, "ROLLED_BACK", clock.instant(), previousOn, attempts, rollback,
                Map.of("seen", finalOn == null ? "unknown" : onOff(finalOn)));
        List<String> reasons = new java.util.ArrayList<>(List.of(why, "Rollback: " + rollback));
        reasons.addAll(duringStop(request));
        return finish(request, started, Result.FAILED, previousOn, finalOn, attempts, reasons, rules);
    }

    private List<String> duringStop(ActionRequest request) {
        return request.source() == Source.SAFETY && emergencyStop.engaged()
                ? List.of("Protective off: carried out although the emergency stop is engaged")
                : List.of();
    }

    /**
     * Polls until the device shows {@code wanted}, the verify timeout passes or STOP halts the request; returns the
     * last state seen ({@code lastSeen} when STOP halts it before the first read).
     */
    private Boolean verify(ActionRequest request, DeviceSwitch reader, Device device, boolean wanted, Boolean lastSeen) {
        Instant deadline = Instant.now().plus(settings.verifyTimeout());
        Boolean seen = lastSeen;
        while (true) {
            if (haltedByStop(request)) {
                // A read can wait for the cloud's rate limit: do not start one once STOP is engaged.
                return seen;
            }
            try {
                DeviceSwitch.RelayStatus status = reader.read(device);
                seen = status.online() ? status.on() : null;
            } catch (DeviceSwitch.SwitchException e) {
                seen = null;
            }
            if (Boolean.valueOf(wanted).equals(seen) || !Instant.now().isBefore(deadline)) {
                return seen;
            }
            if (pause(request, settings.verifyInterval())) {
                return seen;
            }
        }
    }

    /** Waits; an action STOP halts wakes at once. Returns true when STOP now halts the request. */
    private boolean pause(ActionRequest request, Duration duration) {
        if (stoppable(request)) {
            return emergencyStop.waitUnlessEngaged(duration);
        }
        sleep(duration);
        return false;
    }

    private boolean haltedByStop(ActionRequest request) {
        return stoppable(request) && emergencyStop.engaged();
    }

    /** A person's own command and the battery floor's protective off act during STOP; nothing else does. */
    private static boolean stoppable(ActionRequest request) {
        return request.source() != Source.MANUAL && request.source() != Source.SAFETY;
    }

    private CommandOutcome finish(ActionRequest request, long started, Result result, Boolean previousOn,
                                  Boolean finalOn, int attempts, List<String> reasons, List<String> rules) {
        long latencyMs = Duration.ofNanos(System.nanoTime() - started).toMillis();
        Map<String, Object> detail = new LinkedHashMap<>();
        detail.put("reasons", reasons);
        detail.put("latencyMs", latencyMs);
        detail.put("finalOn", finalOn == null ? "unknown" : onOff(finalOn));
        actionLog.append(request, "FINISHED", clock.instant(), previousOn, attempts, result.name(), detail);
        if (result != Result.SUCCEEDED) {
            log.info("Action " + request.id() + " on " + request.device() + ": " + result + " " + reasons);
        }
        if (request.source() == Source.SAFETY && result != Result.SUCCEEDED && result != Result.WOULD_EXECUTE) {
            log.warn("Protective off of " + request.device() + " did not take: " + result + " " + reasons);
            events.publishEvent(new ProtectiveOffFailed(request.id(), request.device(), request.reason(), result,
                    finalOn == null ? "unknown" : onOff(finalOn), attempts, reasons, clock.instant()));
        }
        publishOutcome(request, result, attempts, reasons);
        return new CommandOutcome(request.id(), request.device(), request.on(), result, previousOn, finalOn,
                reasons, rules, attempts, latencyMs);
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
        return on ? "on" : "off";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
