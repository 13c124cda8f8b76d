package io.commandcenter.control;

import io.commandcenter.device.DeviceSwitch;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

/**
 * Whether automated actions reach hardware. Off by default on a real site until the owner turns
 * it on; on by default when the target is the embedded simulator, where nothing real can break.
 */
@Component
class HardwareSwitchFlag {

    private static final Log log = LogFactory.getLog(HardwareSwitchFlag.class);

    private final boolean enabled;

    HardwareSwitchFlag(ControlProperties settings, DeviceSwitch relays) {
        this.enabled = settings.hardwareEnabled() != null ? settings.hardwareEnabled() : relays.simulated();
        log.info("Hardware control for automated actions is " + (enabled ? "ON" : "OFF (actions are logged as 'would execute')"));
    }

    boolean enabled() {
        return enabled;
    }
}
