package io.commandcenter.control.shellycloud;

import io.commandcenter.control.DeviceSwitch;
import io.commandcenter.device.Device;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.shelly.ShellyChannel;
import io.commandcenter.ingest.shelly.ShellyCloudClient;
import io.commandcenter.ingest.shelly.ShellyDeviceStatus;

/** Switches relays through the Shelly Cloud ({@code /device/status}, {@code /device/relay/control}). */
public class ShellyCloudSwitch implements DeviceSwitch {

    private final ShellyCloudClient cloud;

    public ShellyCloudSwitch(ShellyCloudClient cloud) {
        this.cloud = cloud;
    }

    @Override
    public String name() {
        return "shelly-cloud";
    }

    @Override
    public RelayStatus read(Device device) {
        ShellyDeviceStatus status;
        try {
            status = cloud.status(device.cloudId());
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
            cloud.setRelay(device.cloudId(), device.channel(), on);
        } catch (CloudException e) {
            throw new SwitchException("Shelly Cloud relay control of " + device.name() + ": " + e.getMessage(), e);
        }
    }
}
