package io.commandcenter.engine.facts;

/** The site's emergency stop. While active no automated or agent action passes. */
public record EmergencyStop(boolean active, String by, String reason, long at) {

    public static EmergencyStop released() {
        return new EmergencyStop(false, "", "", 0);
    }
}
