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
import io.commandcenter.device.Device;
import io.commandcenter.engine.Decision;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.web.ProblemException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Service;

/**
 * The one way any action reaches hardware, whoever asks: rules check, per-device lock,
 * online check, send, verify by polling, retry with backoff, roll back on final failure.
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
    private final EmergencyStop emergencyStop;
    private final ControlProperties settings;
    private final boolean hardwareEnabled;
    private final Clock clock;
    private final DeviceLocks locks = new DeviceLocks();

    CommandService(DeviceRegistry devices, ActionGate gate, DeviceSwitch relay, ActionLogRepository actionLog,
                   RetryQueueRepository retryQueue, EmergencyStop emergencyStop, ControlProperties settings,
                   HardwareSwitchFlag hardwareFlag, Clock clock) {
        this.devices = devices;
        this.gate = gate;
        this.relay = relay;
        this.actionLog = actionLog;
        this.retryQueue = retryQueue;
        this.emergencyStop = emergencyStop;
        this.settings = settings;
        this.hardwareEnabled = hardwareFlag.enabled();
        this.clock = clock;
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
        return run(request, EngineActionGate.verdictOf(decision));
    }

    private CommandOutcome run(ActionRequest request, ActionGate.Verdict alreadyDecided) {
        var previous = actionLog.find(request.id());
        if (previous.isPresent()) {
            return outcomeOf(previous.get());
        }
        Device device = devices.findByName(request.device())
                .orElseThrow(() -> ProblemException.notFound("unknown-device", "No device named " + request.device()));
        long started = System.nanoTime();
        actionLog.append(request, "REQUESTED", clock.instant(), null, null, null, Map.of("reason", request.reason()));

        if (haltedByStop(request)) {
            return finish(request, started, Result.HALTED, null, null, 0,
                    List.of("Emergency stop engaged by " + emergencyStop.state().who() + ": " + emergencyStop.state().why()),
                    List.of());
        }

        ActionGate.Verdict verdict = alreadyDecided != null ? alreadyDecided : gate.check(request);
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

        var held = locks.acquire(device.name(), request.id(), settings.lockWait());
        if (held.isEmpty()) {
            return finish(request, started, Result.BUSY, null, null, 0,
                    List.of(device.name() + " is busy with action " + locks.holder(device.name()).orElse(null)),
                    verdict.rules());
        }
        try (var ignored = held.get()) {
            return switchDevice(request, device, verdict, started);
        }
    }

    private CommandOutcome switchDevice(ActionRequest request, Device device, ActionGate.Verdict verdict, long started) {
        DeviceSwitch.RelayStatus before;
        try {
            before = relay.read(device);
        } catch (DeviceSwitch.SwitchException e) {
            // Without the current state there is nothing to roll back to: do not send.
            return finish(request, started, Result.FAILED, null, null, 0,
                    List.of("Could not read " + device.name() + " before switching: " + e.getMessage()), verdict.rules());
        }
        if (!before.online()) {
            if (request.source() == Source.AUTOMATION) {
                retryQueue.enqueue(request, clock.instant(), settings.retryOfflineEvery());
            }
            return finish(request, started, Result.OFFLINE, null, null, 0,
                    List.of(device.name() + " is offline; no command was sent"), verdict.rules());
        }
        Boolean previousOn = before.on();
        if (previousOn != null && previousOn == request.on()) {
            return finish(request, started, Result.SUCCEEDED, previousOn, previousOn, 0,
                    List.of(device.name() + " was already " + onOff(request.on())), verdict.rules());
        }

        Duration backoff = settings.backoff();
        for (int attempt = 1; attempt <= settings.attempts(); attempt++) {
            if (haltedByStop(request)) {
                return rollBack(request, device, previousOn, attempt - 1, started, Result.HALTED,
                        "Emergency stop engaged: no further attempts", verdict.rules());
            }
            actionLog.append(request, "SENT", clock.instant(), previousOn, attempt, null, Map.of("via", relay.name()));
            long sendStarted = System.nanoTime();
            boolean sendUncertain;
            try {
                relay.set(device, request.on());
                // A slow send means a request timed out and was repeated; the lost one may still arrive.
                sendUncertain = Duration.ofNanos(System.nanoTime() - sendStarted).compareTo(settings.slowSend()) > 0;
            } catch (DeviceSwitch.SwitchException e) {
                // The device may still have switched: verification below finds out.
                sendUncertain = true;
                actionLog.append(request, "SEND_FAILED", clock.instant(), previousOn, attempt, null,
                        Map.of("error", String.valueOf(e.getMessage())));
            }
            Boolean seen = verify(device, request.on());
            if (sendUncertain && Boolean.valueOf(request.on()).equals(seen)) {
                // Keep the device locked until a late copy of any command sent so far can no longer land,
                // then look again: only a state that holds counts as verified.
                sleep(settings.settle());
                seen = verify(device, request.on());
            }
            actionLog.append(request, "VERIFIED", clock.instant(), previousOn, attempt,
                    Boolean.valueOf(request.on()).equals(seen) ? "MATCH" : "MISMATCH",
                    Map.of("seen", seen == null ? "unknown" : onOff(seen)));
            if (Boolean.valueOf(request.on()).equals(seen)) {
                return finish(request, started, Result.SUCCEEDED, previousOn, seen, attempt, List.of(), verdict.rules());
            }
            if (attempt < settings.attempts()) {
                sleep(backoff);
                backoff = backoff.multipliedBy(2);
            }
        }
        return rollBack(request, device, previousOn, settings.attempts(), started, Result.FAILED,
                device.name() + " did not switch " + onOff(request.on()) + " after " + settings.attempts() + " attempts",
                verdict.rules());
    }

    /** Puts the device back in its recorded previous state and reports what it was left in. */
    private CommandOutcome rollBack(ActionRequest request, Device device, Boolean previousOn, int attempts, long started,
                                    Result result, String why, List<String> rules) {
        Boolean finalOn = null;
        String rollback;
        if (previousOn == null) {
            rollback = "no previous state known";
        } else {
            try {
                relay.set(device, previousOn);
            } catch (DeviceSwitch.SwitchException e) {
                log.warn("Rollback of " + device.name() + " failed to send: " + e.getMessage());
            }
            finalOn = verify(device, previousOn);
            rollback = previousOn.equals(finalOn) ? "restored " + onOff(previousOn) : "rollback not confirmed";
        }
        actionLog.append(request, "ROLLED_BACK", clock.instant(), previousOn, attempts, rollback,
                Map.of("seen", finalOn == null ? "unknown" : onOff(finalOn)));
        return finish(request, started, result, previousOn, finalOn, attempts, List.of(why, "Rollback: " + rollback), rules);
    }

    /** Polls until the device shows {@code wanted} or the verify timeout passes; returns the last state seen. */
    private Boolean verify(Device device, boolean wanted) {
        Instant deadline = Instant.now().plus(settings.verifyTimeout());
        Boolean seen = null;
        while (true) {
            try {
                DeviceSwitch.RelayStatus status = relay.read(device);
                seen = status.online() ? status.on() : null;
            } catch (DeviceSwitch.SwitchException e) {
                seen = null;
            }
            if (Boolean.valueOf(wanted).equals(seen) || !Instant.now().isBefore(deadline)) {
                return seen;
            }
            sleep(settings.verifyInterval());
        }
    }

    private boolean haltedByStop(ActionRequest request) {
        return request.source() != Source.MANUAL && emergencyStop.engaged();
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
        return new CommandOutcome(request.id(), request.device(), request.on(), result, previousOn, finalOn,
                reasons, rules, attempts, latencyMs);
    }

    static CommandOutcome outcomeOf(ActionRecord action) {
        Result result = action.result() == null ? null : Result.valueOf(action.result());
        Boolean finalOn = action.events().stream()
                .filter(e -> e.kind().equals("FINISHED") || e.kind().equals("RECONCILED"))
                .map(e -> e.detail().get("finalOn"))
                .filter(v -> "on".equals(v) || "off".equals(v))
                .map("on"::equals).findFirst().orElse(null);
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
