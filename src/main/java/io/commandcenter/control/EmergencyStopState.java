package io.commandcenter.control;

import java.time.Instant;

/** Whether the big red STOP is engaged, by whom, why and since when. */
public record EmergencyStopState(boolean engaged, String who, String why, Instant since) {

    static EmergencyStopState released() {
        return new EmergencyStopState(false, null, null, null);
    }
}
