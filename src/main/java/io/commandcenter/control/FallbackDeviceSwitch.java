package io.commandcenter.control;

import java.util.Optional;
import java.util.function.Predicate;

import io.commandcenter.device.Device;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Uses the Shelly Cloud, and the device's local RPC when the cloud fails. Sending "on" twice is
 * harmless for a relay, so falling back after a cloud timeout cannot do damage.
 */
class FallbackDeviceSwitch implements DeviceSwitch {

    private static final Log log = LogFactory.getLog(FallbackDeviceSwitch.class);

    private final DeviceSwitch primary;
    private final DeviceSwitch fallback;
    private final Predicate<Device> reachableLocally;

    FallbackDeviceSwitch(DeviceSwitch primary, DeviceSwitch fallback, Predicate<Device> reachableLocally) {
        this.primary = primary;
        this.fallback = fallback;
        this.reachableLocally = reachableLocally;
    }

    @Override
    public Optional<DeviceSwitch> local(Device device) {
        return reachableLocally.test(device) ? Optional.of(fallback) : Optional.empty();
    }

    @Override
    public String name() {
        return primary.name() + "+" + fallback.name();
    }

    @Override
    public RelayStatus read(Device device) {
        try {
            return primary.read(device);
        } catch (SwitchException e) {
            log.info(primary.name() + " failed to read " + device.name() + ", trying " + fallback.name() + ": " + e.getMessage());
            return fallback.read(device);
        }
    }

    @Override
    public void set(Device device, boolean on) {
        try {
            primary.set(device, on);
        } catch (SwitchException e) {
            log.info(primary.name() + " failed to switch " + device.name() + ", trying " + fallback.name() + ": " + e.getMessage());
            fallback.set(device, on);
        }
    }
}
