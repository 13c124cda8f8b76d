package io.commandcenter.notify;

/**
 * When automated actions wait for a person's yes. Agent suggestions always wait.
 * SOMETIMES: switching a load on, and anything on a device that is not a miner, waits; pausing
 * miners (the routine, battery-saving action) runs at once.
 */
public enum ConfirmationMode {
    ALWAYS, SOMETIMES, NEVER
}
