package io.commandcenter.ingest.shelly;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.internal.Json;
import tools.jackson.databind.JsonNode;

/** Pure parsing of Shelly Cloud answers, Gen2 ({@code switch:N}) and Gen1 ({@code relays}/{@code meters}). */
final class ShellyPayloads {

    private ShellyPayloads() {
    }

    /** {@code /device/status}: one device. */
    static ShellyDeviceStatus status(String cloudId, String body) {
        JsonNode data = successful(body).path("data");
        return deviceStatus(cloudId, data.path("online").asBoolean(false), data.path("device_status"));
    }

    /** {@code /device/all_status}: every device of the account, by cloud id. */
    static Map<String, ShellyDeviceStatus> allStatus(String body) {
        JsonNode statuses = successful(body).path("data").path("devices_status");
        Map<String, ShellyDeviceStatus> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : statuses.properties()) {
            JsonNode status = entry.getValue();
            result.put(entry.getKey(), deviceStatus(entry.getKey(), online(status), status));
        }
        return result;
    }

    /**
     * {@code /interface/device/get_all_lists}: one entry per relay channel. A multi-channel device either appears once
     * with {@code channel_names} or once per channel (keys {@code id}, {@code id_1}, …) with its own {@code channel}.
     */
    static List<CloudDevice> deviceList(String body) {
        JsonNode devices = successful(body).path("data").path("devices");
        Map<String, CloudDevice> found = new LinkedHashMap<>();
        for (JsonNode device : devices.isArray() ? devices : values(devices)) {
            String id = device.path("id").asString(null);
            if (id == null) {
                continue;
            }
            String name = device.path("name").asString(id);
            String model = device.path("type").asString("");
            JsonNode channelNames = device.path("channel_names");
            if (channelNames.isObject() && !channelNames.isEmpty()) {
                Map<Integer, String> byChannel = new TreeMap<>();
                for (Map.Entry<String, JsonNode> channel : channelNames.properties()) {
                    byChannel.put(Integer.parseInt(channel.getKey()), channel.getValue().asString(name));
                }
                byChannel.forEach((channel, channelName) ->
                        found.putIfAbsent(id + "/" + channel, new CloudDevice(id, channel, channelName, model)));
            } else {
                int channel = device.path("channel").asInt(0);
                found.putIfAbsent(id + "/" + channel, new CloudDevice(id, channel, name, model));
            }
        }
        return new ArrayList<>(found.values());
    }

    /** {@code /device/relay/control}: only success or failure matters. */
    static void relayControl(String body) {
        successful(body);
    }

    /**
     * Values only while online: an offline device's {@code device_status} holds the last numbers the cloud saw,
     * and those must not pass for the present.
     */
    static ShellyDeviceStatus deviceStatus(String cloudId, boolean online, JsonNode status) {
        if (!online || status == null || !status.isObject()) {
            return new ShellyDeviceStatus(cloudId, false, List.of());
        }
        List<ShellyChannel> channels = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : status.properties()) {
            if (entry.getKey().startsWith("switch:")) {
                channels.add(gen2Switch(Integer.parseInt(entry.getKey().substring("switch:".length())), entry.getValue()));
            }
        }
        JsonNode relays = status.path("relays");
        if (channels.isEmpty() && relays.isArray()) {
            JsonNode meters = status.path("meters");
            for (int i = 0; i < relays.size(); i++) {
                channels.add(gen1Relay(i, relays.get(i), meters.path(i)));
            }
        }
        channels.sort(java.util.Comparator.comparingInt(ShellyChannel::channel));
        return new ShellyDeviceStatus(cloudId, true, channels);
    }

    private static ShellyChannel gen2Switch(int channel, JsonNode sw) {
        JsonNode output = sw.path("output");
        return new ShellyChannel(channel, output.isBoolean() ? output.asBoolean() : null,
                Json.number(sw.path("apower")), Json.number(sw.path("voltage")), Json.number(sw.path("current")),
                // Gen2 aenergy.total is already watt-hours
                Json.number(sw.path("aenergy").path("total")));
    }

    private static ShellyChannel gen1Relay(int channel, JsonNode relay, JsonNode meter) {
        JsonNode ison = relay.path("ison");
        Double wattMinutes = Json.number(meter.path("total"));
        return new ShellyChannel(channel, ison.isBoolean() ? ison.asBoolean() : null, Json.number(meter.path("power")),
                Json.number(meter.path("voltage")), null,
                // Gen1 meters count watt-minutes
                wattMinutes == null ? null : wattMinutes / 60.0);
    }

    // all_status entries carry no top-level online flag; Gen2 says it in _dev_info, Gen1 in cloud.connected.
    private static boolean online(JsonNode status) {
        if (status == null || !status.isObject()) {
            return false;
        }
        JsonNode flag = status.path("_dev_info").path("online");
        if (flag.isBoolean()) {
            return flag.asBoolean();
        }
        if (status.path("online").isBoolean()) {
            return status.path("online").asBoolean();
        }
        if (status.path("cloud").path("connected").isBoolean()) {
            return status.path("cloud").path("connected").asBoolean();
        }
        return true;
    }

    private static JsonNode successful(String body) {
        JsonNode root = Json.read(body);
        if (!root.path("isok").asBoolean(false)) {
            throw new CloudException(CloudException.Kind.REJECTED, "Shelly Cloud refused: " + Json.errors(root.path("errors")));
        }
        return root;
    }

    private static Iterable<JsonNode> values(JsonNode object) {
        List<JsonNode> list = new ArrayList<>();
        Iterator<JsonNode> it = object.values().iterator();
        it.forEachRemaining(list::add);
        return list;
    }
}
