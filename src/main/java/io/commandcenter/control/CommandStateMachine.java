package io.commandcenter.control;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.commandcenter.control.CommandOutcome.Result;
import io.commandcenter.device.DeviceSwitch;
import io.commandcenter.device.FallbackDeviceSwitch;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

/**
 * The states a command goes through and what each one does when its step comes: one handler per state, each
 * answering the next state and how long to wait on the clock before its step. Nothing here waits: the waits
 * (verification reads, backoff, settle, a busy device) are steps that {@link CommandService} schedules on the clock.
 *
 * <pre>
 * REQUESTED ──▶ DECIDED ──▶ SENT ──▶ VERIFYING ──▶ DONE (succeeded)
 *     │            │         ▲           │
 *     │            │         └─ backoff ─┤ mismatch, attempts left
 *     ▼            ▼                     ▼ mismatch, none left
 *   DONE         DONE / FAILED       ROLLING_BACK ──▶ ROLLED_BACK / FAILED
 * (blocked, halted, (busy, offline, halted,
 *  would execute)    already so / not readable)
 * </pre>
 * STOP ends a stoppable command (automation, agent) in any state but the last: DONE with HALTED.
 */
@Component
class CommandStateMachine {

    private static final Log log = LogFactory.getLog(CommandStateMachine.class);

    enum State {
        /** Logged. Refused when an opposite command is in flight, halted by STOP, otherwise the rules are asked. */
        REQUESTED,
        /** The rules allowed it: it waits for its turn on the device, then reads the relay. */
        DECIDED,
        /** The next attempt goes out (its SENT row first). */
        SENT,
        /** The relay is read until it shows the requested state or verify-timeout passes. */
        VERIFYING,
        /** Every attempt failed: the previous state is sent back and read until it shows. */
        ROLLING_BACK,
        /** Ended without a failed switch: succeeded, blocked, busy, offline, would execute, halted. */
        DONE,
        /** Failed, and the previous state was sent back. */
        ROLLED_BACK,
        /** Failed with nothing sent back: not readable first, no previous state, a protective off, or STOP. */
        FAILED;

        boolean finished() {
            return this == DONE || this == ROLLED_BACK || this == FAILED;
        }
    }

    /** What a state's handler answers: the next state, and how long on the clock until its step. */
    record Next(State state, Duration after) {
        static Next now(State state) {
            return new Next(state, Duration.ZERO);
        }

        static Next after(State state, Duration wait) {
            return new Next(state, wait.isNegative() ? Duration.ZERO : wait);
        }
    }

    private final ActionGate gate;
    private final DeviceSwitch relay;
    private final ActionLogRepository actionLog;
    private final RetryQueueRepository retryQueue;
    private final EmergencyStopSwitch emergencyStop;
    private final ControlProperties settings;
    private final ControlFlags flags;
    private final InFlightRequests inFlight;
    private final DeviceQueues queues;
    private final Clock clock;

    CommandStateMachine(ActionGate gate, DeviceSwitch relay, ActionLogRepository actionLog,
                        RetryQueueRepository retryQueue, EmergencyStopSwitch emergencyStop, ControlProperties settings,
                        ControlFlags flags, InFlightRequests inFlight, DeviceQueues queues, Clock clock) {
        this.gate = gate;
        this.relay = relay;
        this.actionLog = actionLog;
        this.retryQueue = retryQueue;
        this.emergencyStop = emergencyStop;
        this.settings = settings;
        this.flags = flags;
        this.inFlight = inFlight;
        this.queues = queues;
        this.clock = clock;
    }

    /** Runs the step of the run's current state. */
    Next step(CommandRun run) {
        return switch (run.state) {
            case REQUESTED -> requested(run);
            case DECIDED -> decided(run);
            case SENT -> sent(run);
            case VERIFYING -> verifying(run);
            case ROLLING_BACK -> rollingBack(run);
            case DONE, ROLLED_BACK, FAILED -> throw new IllegalStateException("Action " + run.request.id()
                    + " has already ended (" + run.state + ")");
        };
    }

    private Next requested(CommandRun run) {
        ActionRequest request = run.request;
        var opposite = inFlight.admit(request);
        if (opposite.isPresent()) {
            ActionRequest other = opposite.get().request();
            return end(run, State.DONE, Result.BLOCKED, null, List.of("Refused: an opposite " + other.source()
                    + " command (switch " + run.device.name() + " " + onOff(other.on()) + ", from "
                    + other.requestedBy() + ") arrived " + opposite.get().ageMillis(System.nanoTime())
                    + " ms earlier and is still being carried out. Send this one again if you mean it."));
        }
        run.admitted = true;
        if (haltedByStop(run)) {
            return end(run, State.DONE, Result.HALTED, null, List.of("Emergency stop engaged by "
                    + emergencyStop.state().who() + ": " + emergencyStop.state().why()));
        }

        ActionGate.Ruling verdict = run.alreadyDecided != null ? run.alreadyDecided : gate.check(request);
        Map<String, Object> decided = new LinkedHashMap<>();
        decided.put("reasons", verdict.reasons());
        decided.put("rules", verdict.rules());
        if (verdict.holdUntil() != null) decided.put("holdUntil", verdict.holdUntil().toString());
        actionLog.append(request, "DECIDED", clock.instant(), null, null, verdict.outcome().name(), decided);
        run.rules = verdict.rules();
        if (!verdict.allowed()) {
            return end(run, State.DONE, Result.BLOCKED, null, verdict.reasons());
        }
        // Only automation's own proposals: a person's switch and the floor's protective offs are not automation.
        if (request.source() == Source.AUTOMATION && !flags.automationEnabled()) {
            return end(run, State.DONE, Result.WOULD_EXECUTE, null, List.of("Automation disabled by feature flag"
                    + " AUTOMATION: would switch " + run.device.name() + (request.on() ? " on" : " off")));
        }
        // The battery floor's protective offs pass even with hardware control off: they only ever switch a load off,
        // and no switch may let a load drain the battery below the critical charge.
        if (request.source() != Source.MANUAL && request.source() != Source.SAFETY && !flags.hardwareEnabled()) {
            return end(run, State.DONE, Result.WOULD_EXECUTE, null, List.of("Hardware control is off: would switch "
                    + run.device.name() + (request.on() ? " on" : " off")));
        }
        run.queued = true;
        queues.join(run.device.name(), request.id());
        run.turnWaitEnds = clock.instant().plus(settings.turnWait());
        return Next.now(State.DECIDED);
    }

    private Next decided(CommandRun run) {
        String device = run.device.name();
        if (!queues.hasTurn(device, run.request.id())) {
            if (haltedByStop(run)) {
                return end(run, State.DONE, Result.HALTED, null, List.of("Emergency stop engaged by "
                        + emergencyStop.state().who() + " while waiting for " + device + ": nothing was sent"));
            }
            Instant now = clock.instant();
            if (!now.isBefore(run.turnWaitEnds)) {
                return end(run, State.DONE, Result.BUSY, null,
                        List.of(device + " is busy with action " + queues.current(device).orElse(null)));
            }
            // Woken earlier when its turn comes or STOP is engaged.
            return Next.after(State.DECIDED, Duration.between(now, run.turnWaitEnds));
        }

        DeviceSwitch.RelayStatus before;
        try {
            before = relay.read(run.device);
        } catch (DeviceSwitch.SwitchException e) {
            if (!run.protective()) {
                // Without the current state there is nothing to roll back to: do not send.
                return end(run, State.FAILED, Result.FAILED, null,
                        List.of("Could not read " + device + " before switching: " + e.getMessage()));
            }
            // A protective off is never undone, so it needs no previous state: send anyway, verification decides.
            actionLog.append(run.request, "READ_FAILED", clock.instant(), null, null, null,
                    Map.of("error", String.valueOf(e.getMessage())));
            before = null;
        }
        if (before != null && !before.online()) {
            boolean queued = run.request.source() == Source.AUTOMATION || run.protective();
            if (queued) {
                retryQueue.enqueue(run.request, clock.instant(), settings.retryOfflineEvery());
            }
            return end(run, State.DONE, Result.OFFLINE, null, List.of(device + " is offline; no command was sent"
                    + (queued ? "; waiting for the device: it runs again (rules re-checked) when it is back" : "")));
        }
        run.previousOn = before == null ? null : before.on();
        if (run.previousOn != null && run.wants(run.previousOn)) {
            return end(run, State.DONE, Result.SUCCEEDED, run.previousOn,
                    List.of(device + " was already " + onOff(run.request.on())));
        }
        run.attempts = run.protective() ? settings.protectiveAttempts() : settings.attempts();
        run.giveUpAt = clock.instant().plus(settings.protectiveRetryFor());
        run.backoff = settings.backoff();
        run.seen = run.previousOn;
        return Next.now(State.SENT);
    }

    private Next sent(CommandRun run) {
        if (haltedByStop(run)) {
            return halted(run);
        }
        int attempt = run.sent + 1;
        // The cloud took the command but the relay did not switch: go to the device over the LAN instead.
        DeviceSwitch route = run.protective() && attempt > 1 ? relay.local(run.device).orElse(relay) : relay;
        actionLog.append(run.request, "SENT", clock.instant(), run.previousOn, attempt, null,
                Map.of("via", route.name()));
        run.sent = attempt;
        long sendStarted = System.nanoTime();
        try {
            route.set(run.device, run.request.on());
            // A slow send means a request timed out and was repeated; the lost one may still arrive.
            run.sendUncertain = Duration.ofNanos(System.nanoTime() - sendStarted).compareTo(settings.slowSend()) > 0;
        } catch (DeviceSwitch.SwitchException e) {
            // The device may still have switched: verification finds out.
            run.sendUncertain = true;
            actionLog.append(run.request, "SEND_FAILED", clock.instant(), run.previousOn, attempt, null,
                    Map.of("error", String.valueOf(e.getMessage())));
        }
        // Sent over the LAN: read it there too (the cloud's copy of the state can lag), the cloud if that fails.
        run.reader = route == relay ? relay : new FallbackDeviceSwitch(route, relay, d -> false);
        run.settleChecked = false;
        run.verifyUntil = clock.instant().plus(settings.verifyTimeout());
        return Next.now(State.VERIFYING);
    }

    private Next verifying(CommandRun run) {
        if (run.verifyUntil == null) {
            run.verifyUntil = clock.instant().plus(settings.verifyTimeout());
        }
        // A read can wait for the cloud's rate limit: none is started once STOP is engaged.
        if (!haltedByStop(run)) {
            run.seen = read(run.reader, run);
            if (!run.wants(run.seen) && clock.instant().isBefore(run.verifyUntil)) {
                return Next.after(State.VERIFYING, settings.verifyInterval());
            }
            if (run.wants(run.seen) && run.sendUncertain && !run.settleChecked) {
                // Keep the device's turn until a late copy of any command sent so far can no longer land,
                // then look again: only a state that holds counts as verified.
                run.settleChecked = true;
                run.verifyUntil = null;
                return Next.after(State.VERIFYING, settings.settle());
            }
        }
        boolean match = run.wants(run.seen);
        actionLog.append(run.request, "VERIFIED", clock.instant(), run.previousOn, run.sent,
                match ? "MATCH" : "MISMATCH", Map.of("seen", run.seen == null ? "unknown" : onOff(run.seen)));
        if (match) {
            return end(run, State.DONE, Result.SUCCEEDED, run.seen, duringStop(run));
        }
        if (haltedByStop(run)) {
            return halted(run);
        }
        boolean outOfTime = run.protective() && clock.instant().plus(run.backoff).isAfter(run.giveUpAt);
        if (run.sent < run.attempts && !outOfTime) {
            Duration wait = run.backoff;
            run.backoff = run.backoff.multipliedBy(2);
            return Next.after(State.SENT, wait);
        }
        return Next.now(State.ROLLING_BACK);
    }

    /**
     * Puts the device back in its recorded previous state and reports what it was left in. Never while STOP is
     * engaged if that would switch a load on, and never for a protective off: undoing it would restart the load.
     */
    private Next rollingBack(CommandRun run) {
        Boolean previousOn = run.previousOn;
        if (!run.rollbackSent) {
            if (run.protective()) {
                return rolledBack(run, State.FAILED, "none: a protective off is never undone");
            }
            if (previousOn == null) {
                return rolledBack(run, State.FAILED, "no previous state known");
            }
            if (previousOn && emergencyStop.engaged()) {
                return rolledBack(run, State.FAILED,
                        "not sent: the emergency stop is engaged and it would switch " + run.device.name() + " on");
            }
            actionLog.append(run.request, "ROLLBACK_SENT", clock.instant(), previousOn, run.sent, null,
                    Map.of("via", relay.name(), "state", onOff(previousOn)));
            try {
                relay.set(run.device, previousOn);
            } catch (DeviceSwitch.SwitchException e) {
                log.warn("Rollback of " + run.device.name() + " failed to send: " + e.getMessage());
            }
            run.rollbackSent = true;
            run.verifyUntil = clock.instant().plus(settings.verifyTimeout());
        }
        if (!haltedByStop(run)) {
            run.seen = read(relay, run);
            if (!previousOn.equals(run.seen) && clock.instant().isBefore(run.verifyUntil)) {
                return Next.after(State.ROLLING_BACK, settings.verifyInterval());
            }
        }
        return rolledBack(run, State.ROLLED_BACK,
                previousOn.equals(run.seen) ? "restored " + onOff(previousOn) : "rollback not confirmed");
    }

    private Next rolledBack(CommandRun run, State state, String rollback) {
        actionLog.append(run.request, "ROLLED_BACK", clock.instant(), run.previousOn, run.sent, rollback,
                Map.of("seen", run.seen == null ? "unknown" : onOff(run.seen)));
        List<String> reasons = new ArrayList<>(List.of(run.device.name() + " did not switch "
                + onOff(run.request.on()) + " after " + run.sent + " attempts", "Rollback: " + rollback));
        reasons.addAll(duringStop(run));
        return end(run, state, Result.FAILED, run.seen, reasons);
    }

    /** STOP cut an action short: nothing more is sent and nothing is undone; the relay stays as it was last seen. */
    private Next halted(CommandRun run) {
        var stop = emergencyStop.state();
        return end(run, State.DONE, Result.HALTED, run.seen, List.of("Emergency stop engaged by " + stop.who()
                + " during the action: nothing more was sent and nothing was rolled back; left as it is (last seen "
                + (run.seen == null ? "unknown" : onOff(run.seen)) + ")"));
    }

    private static Next end(CommandRun run, State state, Result result, Boolean finalOn, List<String> reasons) {
        run.result = result;
        run.finalOn = finalOn;
        run.reasons = reasons;
        return Next.now(state);
    }

    private List<String> duringStop(CommandRun run) {
        return run.protective() && emergencyStop.engaged()
                ? List.of("Protective off: carried out although the emergency stop is engaged")
                : List.of();
    }

    private boolean haltedByStop(CommandRun run) {
        return run.stoppable() && emergencyStop.engaged();
    }

    /** The relay's state, or null when the device is offline or does not answer. */
    private static Boolean read(DeviceSwitch reader, CommandRun run) {
        try {
            DeviceSwitch.RelayStatus status = reader.read(run.device);
            return status.online() ? status.on() : null;
        } catch (DeviceSwitch.SwitchException e) {
            return null;
        }
    }

    static String onOff(boolean on) {
        return on ? "on" : "off";
    }
}
