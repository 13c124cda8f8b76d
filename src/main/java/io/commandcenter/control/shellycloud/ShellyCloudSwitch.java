package io.commandcenter.control.shellycloud;

import java.time.Duration;
import java.util.function.Supplier;

import io.commandcenter.control.DeviceSwitch;
import io.commandcenter.device.Device;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.shelly.ShellyChannel;
import io.commandcenter.ingest.shelly.ShellyCloudClient;
import io.commandcenter.ingest.shelly.ShellyDeviceStatus;

/**
 * Switches relays through the Shelly Cloud ({@code /device/status}, {@code /device/relay/control}). Calls of the
 * account take turns ({@link AccountPacer}), and a 429 is waited out (its {@code Retry-After}) and tried again for up
 * to {@code rateLimitWait}: a refused request did nothing, so repeating it is safe.
 */
public class ShellyCloudSwitch implements DeviceSwitch {

    private static final Duration SHELLY_WINDOW = Duration.ofSeconds(1);

    private final ShellyCloudClient cloud;
    private final AccountPacer pacer;
    private final Duration spacing;
    private final Duration rateLimitWait;

    /**
     * @param spacing       least time between two calls of the account
     * @param rateLimitWait how long one call may keep waiting out 429 answers
     */
    public ShellyCloudSwitch(ShellyCloudClient cloud, Duration spacing, Duration rateLimitWait) {
        this.cloud = cloud;
        this.spacing = spacing;
        this.pacer = new AccountPacer(spacing);
        this.rateLimitWait = rateLimitWait;
    }

    @Override
    public String name() {
        return "shelly-cloud";
    }

    @Override
    public RelayStatus read(Device device) {
        ShellyDeviceStatus status;
        try {
            status = paced(() -> cloud.status(device.cloudId()));
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
            paced(() -> {
                cloud.setRelay(device.cloudId(), device.channel(), on);
                return null;
            });
        } catch (CloudException e) {
            throw new SwitchException("Shelly Cloud relay control of " + device.name() + ": " + e.getMessage(), e);
        }
    }

    private <T> T paced(Supplier<T> call) {
        long giveUp = System.nanoTime() + rateLimitWait.toNanos();
        while (true) {
            pacer.awaitTurn();
            try {
                return call.get();
            } catch (CloudException e) {
                if (!rateLimited(e) || System.nanoTime() > giveUp || Thread.currentThread().isInterrupted()) {
                    throw e;
                }
                // Without a Retry-After, wait out Shelly's one-second window.
                pacer.holdOff(e.retryAfter().orElse(spacing.compareTo(SHELLY_WINDOW) > 0 ? spacing : SHELLY_WINDOW));
            }
        }
    }

    /** HTTP 429, our own limiter, or Shelly's {@code {"isok":false,"errors":{"max_req":…}}} with HTTP 200. */
    private static boolean rateLimited(CloudException e) {
        return e.kind() == CloudException.Kind.RATE_LIMITED
                || (e.kind() == CloudException.Kind.REJECTED && String.valueOf(e.getMessage()).contains("max_req"));
    }
}
