package io.commandcenter.device;

import java.util.Optional;
import java.util.function.Predicate;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;

/**
 * Sends through the Shelly Cloud, and the device's local RPC when the cloud fails; reads the relay over the LAN first
 * where it has an address. Sending "on" twice is harmless for a relay, so falling back after a cloud timeout cannot do
 * damage.
 */
public class FallbackDeviceSwitch implements DeviceSwitch {

    private static final Log log = LogFactory.getLog(FallbackDeviceSwitch.class);

    private final DeviceSwitch primary;
    private final DeviceSwitch fallback;
    private final Predicate<Device> reachableLocally;

    public FallbackDeviceSwitch(DeviceSwitch primary, DeviceSwitch fallback, Predicate<Device> reachableLocally) {
        this.primary = primary;
        this.fallback = fallback;
        this.reachableLocally = reachableLocally;
    }

    @Override
    public Optional<DeviceSwitch> local(Device device) {
        return reachableLocally.test(device) ? Optional.of(fallback) : Optional.empty();
    }

    @Override
    public boolean simulated() {
        return primary.simulated();
    }

    @Override
    public String name() {
        return primary.name() + "+" + fallback.name();
    }

    /**
     * Reads the relay over the LAN where it has an address: its own answer costs no turn of the cloud account (Shelly
     * allows one call a second, so a switch that reads, sends and checks through the cloud takes over two seconds)
     * and cannot lag behind the relay as the cloud's copy can. Only an answer with a state counts: when the LAN does
     * not give one (no answer, offline, error), the cloud is asked, so a wrong or dead LAN address never makes a
     * device look offline.
     */
    @Override
    public RelayStatus read(Device device) {
        if (reachableLocally.test(device)) {
            try {
                RelayStatus local = fallback.read(device);
                if (local.online() && local.on() != null) {
                    return local;
                }
            } catch (SwitchException e) {
                log.debug(fallback.name() + " failed to read " + device.name() + ", asking " + primary.name() + ": "
                        + e.getMessage());
            }
            return primary.read(device);
        }
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
