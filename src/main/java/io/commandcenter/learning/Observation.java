package io.commandcenter.learning;

import java.time.Instant;
import java.util.UUID;

import io.commandcenter.device.DeviceType;

/**
 * One thing a person did (or let happen) and the site as it was then: the evidence learning works from.
 *
 * @param decision the request it answered or carried out (links the evidence to its decision)
 * @param requestedBy who asked: the rule for an approval, the person for a manual command
 */
public record Observation(long id, Kind kind, String device, DeviceType type, boolean on, String requestedBy,
                          UUID decision, Double soc, Double pv, Double load, Double grid, int minuteOfDay, int weekday,
                          String mode, Double forecastKwh, Instant at) {

    public enum Kind {
        /** A person approved a waiting action. */
        APPROVED,
        /** A person rejected one. */
        REJECTED,
        /** Nobody answered in time. */
        EXPIRED,
        /** A person switched a device by hand. */
        MANUAL,
        /** A person undid what automation had done to the device within 30 minutes. */
        OVERRIDE,
        /** Automation undid what a person had done within 30 minutes. */
        AUTOMATION_UNDID
    }
}
