package io.commandcenter.device;

import java.time.Instant;
import java.util.Map;

/** Lets the Shelly poller keep {@code online}/{@code lastSeen} in the registry current. */
public interface DevicePresence {

    /**
     * @param onlineByName for each polled device whether the cloud reports it online
     * @param at           the poll time; becomes {@code lastSeen} of the online ones
     */
    void recordPresence(Map<String, Boolean> onlineByName, Instant at);
}
