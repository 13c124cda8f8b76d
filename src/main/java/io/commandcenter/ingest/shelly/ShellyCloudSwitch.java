package io.commandcenter.ingest.shelly;

import java.time.Duration;
import java.util.function.Supplier;

import io.commandcenter.device.DeviceSwitch;
import io.commandcenter.device.Device;
import io.commandcenter.ingest.CloudException;

/**
 * Switches relays through the Shelly Cloud (v2 or v1, as the client is configured). Every call takes a turn in the
 * account's request budget, ahead of polls (the client sees to that), and a 429 is waited out (its
 * {@code Retry-After}) and tried again for up to {@code rateLimitWait}: a refused request did nothing, so repeating it
 * is safe.
 */
public class ShellyCloudSwitch implements DeviceSwitch {

    private static final Duration SHELLY_WINDOW = Duration.ofSeconds(1);

    private final ShellyCloudClient cloud;
    private final Duration rateLimitWait;
    private final boolean simulated;

    /** @param rateLimitWait how long one call may keep waiting out 429 answers */
    public ShellyCloudSwitch(ShellyCloudClient cloud, Duration rateLimitWait) {
        this(cloud, rateLimitWait, false);
    }

    /** @param simulated the client starts on the stand-in clouds (the embedded simulator) */
    ShellyCloudSwitch(ShellyCloudClient cloud, Duration rateLimitWait, boolean simulated) {
        this.cloud = cloud;
        this.rateLimitWait = rateLimitWait;
        this.simulated = simulated;
    }

    @Override
    public boolean simulated() {
        return simulated;
    }

    @Override
    public String name() {
        return "shelly-cloud";
    }

    @Override
    public RelayStatus read(Device device) {
        ShellyDeviceStatus status;
        try {
            status = waitingOut429(() -> cloud.status(device.cloudId()));
        } catch (CloudException e) {
            throw new SwitchException("Shelly Cloud status of " + device.name() + ": " + e.getMessage(), e);
        }
        if (!status.online()) {
            return new RelayStatus(false, null);
        }
        Boolean on = status.channel(device.channel()).map(ShellyChannel::on).orElse(null);
        if (on == null) {
            throw new SwitchException("Shelly Cloud reports no relay state for " + device.name()
                    + " channel " + device.channel());
        }
        return new RelayStatus(true, on);
    }

    @Override
    public void set(Device device, boolean on) {
        try {
            waitingOut429(() -> {
                cloud.setRelay(device.cloudId(), device.channel(), on);
                return null;
            });
        } catch (CloudException e) {
            String why = String.valueOf(e.getMessage()).toUpperCase(java.util.Locale.ROOT).contains("DEVICE_OFFLINE")
                    ? device.name() + " is offline (the cloud refused the command: DEVICE_OFFLINE)"
                    : "Shelly Cloud relay control of " + device.name() + ": " + e.getMessage();
            throw new SwitchException(why, e);
        }
    }

    private <T> T waitingOut429(Supplier<T> call) {
        long giveUp = System.nanoTime() + rateLimitWait.toNanos();
        while (true) {
            try {
                return call.get();
            } catch (CloudException e) {
                if (!refusedForRate(e) || System.nanoTime() > giveUp || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                // Without a Retry-After, wait out Shelly's one-second window.
                cloud.budget().holdOff(e.retryAfter().orElse(SHELLY_WINDOW));
            }
        }
    }

    /** The cloud's HTTP 429, or Shelly's {@code {"isok":false,"errors":{"max_req":…}}} with HTTP 200. */
    private static boolean refusedForRate(CloudException e) {
        return e.status() == 429
                || (e.kind() == CloudException.Kind.REJECTED && String.valueOf(e.getMessage()).contains("max_req"));
    }
}
