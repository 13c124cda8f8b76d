package io.commandcenter.ingest.shelly;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.commandcenter.device.DeviceDiscovery;

/**
 * The account's relays for device discovery: the named list ({@code get_all_lists}) joined with the statuses, which
 * give the online flag; on v1 {@code all_status} also reveals relays the list lacks (named after their cloud id).
 */
final class ShellyDiscovery implements DeviceDiscovery {

    private final ShellyCloudClient client;

    ShellyDiscovery(ShellyCloudClient client) {
        this.client = client;
    }

    @Override
    public boolean available() {
        return client.configured();
    }

    @Override
    public List<DiscoveredRelay> relays() {
        List<CloudDevice> listed = client.deviceList();
        // v1: all_status, which also reveals devices the list lacks; v2: a get of the listed ids (it has no all_status)
        Map<String, ShellyDeviceStatus> statuses = client.statuses(listed.stream().map(CloudDevice::cloudId).toList());
        List<DiscoveredRelay> relays = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (CloudDevice device : listed) {
            ShellyDeviceStatus status = statuses.get(device.cloudId());
            relays.add(new DiscoveredRelay(device.cloudId(), device.channel(), device.name(),
                    status != null && status.online()));
            seen.add(device.cloudId() + "/" + device.channel());
        }
        statuses.forEach((cloudId, status) -> status.channels().forEach(channel -> {
            if (seen.add(cloudId + "/" + channel.channel())) {
                String name = status.channels().size() > 1 ? cloudId + "-" + channel.channel() : cloudId;
                relays.add(new DiscoveredRelay(cloudId, channel.channel(), name, status.online()));
            }
        }));
        return relays;
    }
}
