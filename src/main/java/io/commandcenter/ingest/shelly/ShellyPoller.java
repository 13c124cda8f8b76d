package io.commandcenter.ingest.shelly;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.commandcenter.device.Device;
import io.commandcenter.device.DevicePresence;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.ConnectionCheck;
import io.commandcenter.ingest.PollSource;
import io.commandcenter.ingest.internal.PollResult;
import io.commandcenter.ingest.internal.SourcePoller;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingWriter;

/**
 * Reads every registered relay: v2 one get per 10 devices, v1 one {@code all_status}, within the account's request
 * budget (commands go first). A device the cloud does not say is online (offline, no online flag, or missing from the
 * answer) gives a reading with {@code online=false} and every value null: unknown, never its last numbers. The reading
 * is stored rather than skipped so that the latest row of the device says "unknown" and not the last live values.
 */
final class ShellyPoller extends SourcePoller {

    private final ShellyCloudClient client;
    private final DeviceRegistry registry;
    private final DevicePresence presence;
    private final ReadingWriter writer;
    private final Runnable firstRun;

    /**
     * @param firstRun run before the first scheduled poll when no device is registered yet (simulator discovery),
     *                 or null
     */
    ShellyPoller(ShellyCloudClient client, DeviceRegistry registry, DevicePresence presence, ReadingWriter writer,
                 Duration interval, String origin, Runnable firstRun) {
        super(PollSource.SHELLY, interval, origin);
        this.firstRun = firstRun;
        this.client = client;
        this.registry = registry;
        this.presence = presence;
        this.writer = writer;
    }

    @Override
    public boolean enabled() {
        return client.configured();
    }

    @Override
    public String nothingToPoll() {
        return registry.findAll().isEmpty()
                ? "no Shelly device registered: add the relays on the setup page (or POST /devices)" : null;
    }

    @Override
    public ConnectionCheck checkConnection() {
        if (!client.configured()) {
            return super.checkConnection();
        }
        try {
            List<CloudDevice> listed = client.deviceList();
            Map<String, ShellyDeviceStatus> statuses = client.statuses(listed.stream().map(CloudDevice::cloudId).toList());
            List<String> registered = registry.findAll().stream().map(d -> d.cloudId() + "/" + d.channel()).toList();
            List<String> found = listed.stream().map(d -> {
                ShellyDeviceStatus status = statuses.get(d.cloudId());
                String state = status == null ? "unknown" : status.online() ? "online" : "offline";
                return "relay " + d.cloudId() + " channel " + d.channel() + " " + d.name() + " (" + d.model() + "), " + state
                        + (registered.contains(d.cloudId() + "/" + d.channel()) ? ", registered" : "");
            }).toList();
            return new ConnectionCheck(source(), true, origin(), found);
        } catch (CloudException e) {
            return ConnectionCheck.failed(source(), e.getMessage());
        }
    }

    @Override
    public void beforeFirstPoll() {
        if (firstRun != null && registry.findAll().isEmpty()) {
            firstRun.run();
        }
    }

    @Override
    public PollResult poll(Instant now) {
        List<Device> devices = registry.findAll();
        if (devices.isEmpty()) {
            return PollResult.ok(0);
        }
        Map<String, ShellyDeviceStatus> statuses = client.statuses(devices.stream().map(Device::cloudId).toList());
        List<DevicePowerReading> readings = new ArrayList<>();
        Map<String, Boolean> online = new LinkedHashMap<>();
        for (Device device : devices) {
            ShellyDeviceStatus status = statuses.get(device.cloudId());
            boolean isOnline = status != null && status.online();
            online.put(device.name(), isOnline);
            readings.add(status == null ? unknown(device, now, false)
                    : status.channel(device.channel())
                        .map(c -> new DevicePowerReading(device.name(), now, isOnline, c.on(), c.power(), c.voltage(),
                                c.current(), c.energyTotalWh()))
                        .orElseGet(() -> unknown(device, now, isOnline)));
        }
        presence.recordPresence(online, now);
        return PollResult.of(writer.storeDevices(readings));
    }

    private static DevicePowerReading unknown(Device device, Instant at, boolean online) {
        return new DevicePowerReading(device.name(), at, online, null, null, null, null, null);
    }
}
