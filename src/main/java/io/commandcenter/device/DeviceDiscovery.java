package io.commandcenter.device;

import java.util.List;

/** The relays a device cloud account knows about; implemented by the Shelly adapter. */
public interface DeviceDiscovery {

    List<DiscoveredRelay> relays();

    /** False while no account is connected (none saved and no simulator): discovery then has nothing to ask. */
    default boolean available() {
        return true;
    }

    /**
     * @param cloudName the name given in the vendor's app, or the cloud id when it has none
     * @param online    whether the cloud reports it online now
     */
    record DiscoveredRelay(String cloudId, int channel, String cloudName, boolean online) {
    }
}
