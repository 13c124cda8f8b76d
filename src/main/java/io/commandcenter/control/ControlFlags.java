package io.commandcenter.control;

import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureFlags;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;

/**
 * The feature flags control obeys, read at each command (an admin may change them at runtime).
 * {@link Feature#HARDWARE_CONTROL}: whether anything but a person's own switch reaches hardware; its default is
 * {@code commandcenter.control.hardware-enabled}, else on with the embedded simulator (nothing real can break) and
 * off on a real site until the owner turns it on ({@link ControlConfiguration#hardwareControlDefault}).
 * {@link Feature#AUTOMATION}: whether automation's own proposals are carried out. No flag stops the battery floor's
 * protective offs but hardware control, which stops everything automated.
 */
@Component
class ControlFlags {

    private static final Log log = LogFactory.getLog(ControlFlags.class);

    private final FeatureFlags flags;

    ControlFlags(FeatureFlags flags) {
        this.flags = flags;
        log.info("Hardware control for automated actions is " + (hardwareEnabled() ? "ON"
                : "OFF (actions are logged as 'would execute')") + "; automation is "
                + (automationEnabled() ? "ON" : "OFF (its proposals are logged, never sent)"));
    }

    boolean hardwareEnabled() {
        return flags.isEnabled(Feature.HARDWARE_CONTROL);
    }

    boolean automationEnabled() {
        return flags.isEnabled(Feature.AUTOMATION);
    }
}
