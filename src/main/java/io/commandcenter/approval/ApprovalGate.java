package io.commandcenter.approval;

import io.commandcenter.control.AutomationGate;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;
import io.commandcenter.notify.ConfirmationMode;
import io.commandcenter.notify.NotificationSettingsService;
import org.springframework.stereotype.Component;

/**
 * Decides which allowed automated actions wait for a person, by the confirmation mode:
 * ALWAYS every one; SOMETIMES switching a load on and anything on a non-miner device (pausing a
 * miner runs at once); NEVER none. Agent actions always wait; manual commands never do.
 */
@Component
class ApprovalGate implements AutomationGate {

    private final ApprovalService approvals;
    private final NotificationSettingsService settings;
    private final DeviceRegistry devices;

    ApprovalGate(ApprovalService approvals, NotificationSettingsService settings, DeviceRegistry devices) {
        this.approvals = approvals;
        this.settings = settings;
        this.devices = devices;
    }

    @Override
    public boolean holdForConfirmation(ActionRequest request, Decision decision) {
        if (!needsConfirmation(request)) {
            return false;
        }
        approvals.hold(request, String.join("; ", decision.firedRules()));
        return true;
    }

    boolean needsConfirmation(ActionRequest request) {
        return switch (request.source()) {
            // A protective off must never wait for anyone.
            case MANUAL, SAFETY -> false;
            case AGENT -> true;
            case AUTOMATION -> {
                ConfirmationMode mode = settings.current().confirmationMode();
                yield switch (mode) {
                    case ALWAYS -> true;
                    case NEVER -> false;
                    case SOMETIMES -> request.on() || !isMiner(request.device());
                };
            }
        };
    }

    private boolean isMiner(String device) {
        return devices.findByName(device).map(d -> d.type() == DeviceType.MINER).orElse(false);
    }
}
