package io.commandcenter.control;

import java.time.Clock;
import java.util.List;
import java.util.Map;

import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceRegistry;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * After a crash: every action that was in flight when the process died is settled against
 * the device's real state. It is recorded as succeeded if the device shows the requested state,
 * as failed otherwise. It is never sent again.
 */
@Component
class ActionReconciler {

    private static final Log log = LogFactory.getLog(ActionReconciler.class);

    private final ActionLogRepository actionLog;
    private final DeviceRegistry devices;
    private final DeviceSwitch relay;
    private final Clock clock;

    ActionReconciler(ActionLogRepository actionLog, DeviceRegistry devices, DeviceSwitch relay, Clock clock) {
        this.actionLog = actionLog;
        this.devices = devices;
        this.relay = relay;
        this.clock = clock;
    }

    @EventListener(ApplicationReadyEvent.class)
    void reconcileOnStart() {
        reconcile();
    }

    int reconcile() {
        List<ActionRecord> unfinished = actionLog.unfinished();
        for (ActionRecord action : unfinished) {
            boolean sent = action.events().stream().anyMatch(e -> e.kind().equals("SENT"));
            Boolean seen = devices.findByName(action.device()).map(this::readQuietly).orElse(null);
            String result;
            String why;
            if (!sent) {
                result = CommandOutcome.Result.FAILED.name();
                why = "interrupted before any command was sent";
            } else if (Boolean.valueOf(action.requestedOn()).equals(seen)) {
                result = CommandOutcome.Result.SUCCEEDED.name();
                why = "interrupted after sending; the device shows the requested state";
            } else {
                result = CommandOutcome.Result.FAILED.name();
                why = "interrupted after sending; the device shows " + (seen == null ? "an unknown state" : seen ? "on" : "off");
            }
            actionLog.append(action.toRequest(), "RECONCILED", clock.instant(), action.previousOn(), action.attempts(),
                    result, Map.of("reasons", List.of(why), "finalOn", seen == null ? "unknown" : seen ? "on" : "off"));
            log.warn("Reconciled action " + action.id() + " on " + action.device() + ": " + result + " (" + why + ")");
        }
        return unfinished.size();
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
