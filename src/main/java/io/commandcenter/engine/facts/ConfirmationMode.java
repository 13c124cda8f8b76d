package io.commandcenter.engine.facts;

/**
 * When automated actions wait for a person's yes (the owner's setting, kept with the notification
 * settings). Agent suggestions always wait; manual commands and the battery floor never do.
 * SOMETIMES: switching a load on, and anything on a device that is not a miner, waits; pausing
 * miners (the routine, battery-saving action) runs at once. decisions.drl reads it.
 */
public enum ConfirmationMode {
    ALWAYS, SOMETIMES, NEVER
}
