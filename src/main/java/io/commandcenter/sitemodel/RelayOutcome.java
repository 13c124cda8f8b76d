package io.commandcenter.sitemodel;

/** What became of a relay command sent to the model. */
public enum RelayOutcome {
    /** The relay is now in the requested state. */
    SWITCHED,
    /** The "command does not take" fault fired: the cloud says OK, the relay did not move. */
    IGNORED,
    /** The device is offline; the command cannot reach it. */
    DEVICE_OFFLINE,
    /** No device by that name, or cloud id and channel. */
    UNKNOWN_DEVICE
}
