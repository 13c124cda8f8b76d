package io.commandcenter.control;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import io.commandcenter.control.CommandOutcome.Result;
import io.commandcenter.device.DeviceSwitch;
import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * After a crash: every action that was in flight when the process died is settled against the device's real
 * state. A command sent just before the crash can still reach the relay a little later, so the device is read only
 * after the settle time. Succeeded if it then shows the requested state, failed if it shows the other one, and
 * UNKNOWN while it cannot be read: an unknown outcome is read again on a schedule until it is known, never
 * guessed. Nothing is ever sent again.
 */
@Component
class ActionReconciler {

    private static final Log log = LogFactory.getLog(ActionReconciler.class);

    private final ActionLogRepository actionLog;
    private final DeviceRegistry devices;
    private final DeviceSwitch relay;
    private final ControlProperties settings;
    private final Clock clock;
    private final TaskScheduler scheduler;

    ActionReconciler(ActionLogRepository actionLog, DeviceRegistry devices, DeviceSwitch relay,
                     ControlProperties settings, Clock clock,
                     @Qualifier(ControlConfiguration.COMMAND_STEPS) TaskScheduler scheduler) {
        this.actionLog = actionLog;
        this.devices = devices;
        this.relay = relay;
        this.settings = settings;
        this.clock = clock;
        this.scheduler = scheduler;
    }

    @EventListener(ApplicationReadyEvent.class)
    void reconcileOnStart() {
        reconcile().whenComplete((count, failure) -> {
            if (failure != null) {
                log.error("Could not reconcile the actions a crash cut short", failure);
            }
        });
    }

    /** Settles every unfinished action once the settle time has passed on the clock; completes with how many. */
    CompletableFuture<Integer> reconcile() {
        List<ActionRecord> unfinished = actionLog.unfinished();
        // One wait for all of them: a late copy of a command sent before the crash lands within it.
        Duration wait = unfinished.stream().anyMatch(ActionReconciler::sent) ? settings.settle() : Duration.ZERO;
        CompletableFuture<Integer> reconciled = new CompletableFuture<>();
        scheduler.schedule(() -> {
            try {
                unfinished.forEach(this::reconcile);
                reconciled.complete(unfinished.size());
            } catch (RuntimeException e) {
                reconciled.completeExceptionally(e);
            }
        }, clock.instant().plus(wait));
        return reconciled;
    }

    private void reconcile(ActionRecord action) {
        if (!sent(action)) {
            Boolean seen = read(action);
            record(action, Result.FAILED, "interrupted before any command was sent", seen);
        } else {
            settle(action, "interrupted after sending");
        }
    }

    /** Reads again the devices of actions whose outcome is still unknown; returns how many became known. */
    @Scheduled(fixedDelayString = "${commandcenter.control.unknown-recheck-every:1m}",
            initialDelayString = "${commandcenter.control.unknown-recheck-every:1m}")
    int recheckUnknown() {
        int settled = 0;
        for (ActionRecord action : actionLog.unknownOutcomes()) {
            if (settle(action, "re-checked after an unknown outcome") != Result.UNKNOWN) {
                settled++;
            }
        }
        return settled;
    }

    private Result settle(ActionRecord action, String context) {
        Boolean seen = read(action);
        Result result;
        String why;
        if (seen == null) {
            result = Result.UNKNOWN;
            why = context + "; " + action.device() + " cannot be read now (offline or not answering): the outcome "
                    + "is unknown and is checked again every " + settings.unknownRecheckEvery().toSeconds() + " s";
        } else if (seen == action.requestedOn()) {
            result = Result.SUCCEEDED;
            why = context + "; the device shows the requested state";
        } else {
            result = Result.FAILED;
            why = context + "; the device shows " + (seen ? "on" : "off");
        }
        record(action, result, why, seen);
        return result;
    }

    private void record(ActionRecord action, Result result, String why, Boolean seen) {
        actionLog.append(action.toRequest(), "RECONCILED", clock.instant(), action.previousOn(), action.attempts(),
                result.name(), Map.of("reasons", List.of(why), "finalOn", seen == null ? "unknown" : seen ? "on" : "off"));
        log.warn("Reconciled action " + action.id() + " on " + action.device() + ": " + result + " (" + why + ")");
    }

    private static boolean sent(ActionRecord action) {
        return action.events().stream().anyMatch(e -> e.kind().equals("SENT") || e.kind().equals("ROLLBACK_SENT"));
    }

    private Boolean read(ActionRecord action) {
        return devices.findByName(action.device()).map(this::readQuietly).orElse(null);
    }

    private Boolean readQuietly(Device device) {
        try {
            DeviceSwitch.RelayStatus status = relay.read(device);
            return status.online() ? status.on() : null;
        } catch (DeviceSwitch.SwitchException e) {
            return null;
        }
    }
}
