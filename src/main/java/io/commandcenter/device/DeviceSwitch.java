package io.commandcenter.device;


/**
 * A way to read and switch one relay. The Shelly Cloud is the first implementation; the Shelly
 * Gen2 local RPC is the fallback for when the cloud is down. Implementations do one HTTP
 * exchange per call and throw {@link SwitchException} when the outcome is not known.
 */
public interface DeviceSwitch {

    /** Short name for the action log ("shelly-cloud", "shelly-local"). */
    String name();

    RelayStatus read(Device device);

    /** Sends the command. Returning normally means the device accepted it, not that it took. */
    void set(Device device, boolean on);

    /**
     * The device's own LAN route, where one is configured: used to escalate a protective off that the cloud
     * accepted but the relay did not carry out.
     */
    default java.util.Optional<DeviceSwitch> local(Device device) {
        return java.util.Optional.empty();
    }

    /**
     * Whether the relays behind this switch are the embedded site simulator's, where nothing real can break: then
     * automated actions may reach them without the owner turning hardware control on.
     */
    default boolean simulated() {
        return false;
    }

    /** What the device reported: when offline, {@code on} is null (unknown). */
    record RelayStatus(boolean online, Boolean on) {
    }

    /** The exchange failed (timeout, HTTP error, device refused); the outcome is unknown. */
    class SwitchException extends RuntimeException {
        public SwitchException(String message, Throwable cause) {
            super(message, cause);
        }

        public SwitchException(String message) {
            super(message);
        }
    }
}
