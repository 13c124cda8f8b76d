package io.commandcenter.ingest.shelly;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.internal.Json;
import tools.jackson.databind.JsonNode;

/**
 * Pure parsing of Shelly Cloud answers: Cloud Control API v1 ({@code isok} envelope) and v2 (plain lists, named
 * errors); devices of Gen2/Gen3 ({@code switch:N}) and Gen1 ({@code relays}/{@code meters}). A device counts as
 * online only when the cloud says so in that answer: a missing flag is unknown, never online.
 */
final class ShellyPayloads {

    private ShellyPayloads() {
    }

    /** v1 {@code /device/status}: one device. */
    static ShellyDeviceStatus status(String cloudId, String body) {
        JsonNode data = successful(body).path("data");
        return deviceStatus(cloudId, isTrue(data.path("online")), data.path("device_status"));
    }

    /**
     * v1 {@code /device/all_status?show_info=true}: every device of the account, by cloud id. The online flag comes
     * only in {@code _dev_info}, which the cloud sends only with {@code show_info=true}; without it the device is
     * unknown. {@code cloud.connected} is not used: it belongs to the last status the device sent, so an offline
     * device still says {@code true} there.
     */
    static Map<String, ShellyDeviceStatus> allStatus(String body) {
        JsonNode statuses = successful(body).path("data").path("devices_status");
        Map<String, ShellyDeviceStatus> result = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : statuses.properties()) {
            JsonNode status = entry.getValue();
            result.put(entry.getKey(), deviceStatus(entry.getKey(), isTrue(status.path("_dev_info").path("online")),
                    status));
        }
        return result;
    }

    /**
     * v2 {@code /v2/devices/api/get}: a list of device states {@code {id, type, code, gen, online: 0|1, status}}.
     * A device the cloud does not know is simply absent from the list.
     */
    static Map<String, ShellyDeviceStatus> v2States(String body) {
        JsonNode root = Json.read(body);
        if (!root.isArray()) {
            throw v2Refusal(0, root);
        }
        Map<String, ShellyDeviceStatus> result = new LinkedHashMap<>();
        for (JsonNode state : root) {
            String id = state.path("id").asString(null);
            if (id != null) {
                result.put(id, deviceStatus(id, isTrue(state.path("online")), state.path("status")));
            }
        }
        return result;
    }

    /** v2 {@code /v2/devices/api/set/switch}: HTTP 200 with an empty body means accepted. */
    static void v2Set(String body) {
        if (body == null || body.isBlank()) {
            return;
        }
        JsonNode root = Json.read(body);
        if (!v2ErrorName(root).isEmpty()) {
            throw v2Refusal(200, root);
        }
    }

    /** A v2 error answer (HTTP 4xx with a named error such as {@code DEVICE_OFFLINE}) as a failure of the right kind. */
    static CloudException v2Error(int httpStatus, String body) {
        JsonNode root;
        try {
            root = Json.read(body);
        } catch (CloudException unreadable) {
            return new CloudException(httpStatus == 401 ? CloudException.Kind.UNAUTHORIZED : CloudException.Kind.REJECTED,
                    httpStatus, "Shelly Cloud answered HTTP " + httpStatus + " without a readable error", null, null);
        }
        return v2Refusal(httpStatus, root);
    }

    private static CloudException v2Refusal(int httpStatus, JsonNode root) {
        String name = v2ErrorName(root);
        String text = name.isEmpty() ? "no reason given" : name;
        String message = root.path("message").asString(null);
        if (message != null && !message.equals(name)) {
            text += " (" + message + ")";
        }
        CloudException.Kind kind = switch (name) {
            case "UNAUTHORIZED", "INVALID_AUTH_KEY", "invalid_token" -> CloudException.Kind.UNAUTHORIZED;
            case "TOO_MANY_REQUESTS", "max_req" -> CloudException.Kind.RATE_LIMITED;
            default -> httpStatus == 401 ? CloudException.Kind.UNAUTHORIZED : CloudException.Kind.REJECTED;
        };
        return new CloudException(kind, httpStatus, "Shelly Cloud refused: " + text, null, null);
    }

    /** The error's name, whichever way it comes: {@code error}, {@code code}, or the first key or item of {@code errors}. */
    static String v2ErrorName(JsonNode root) {
        if (root.path("error").isString()) {
            return root.path("error").asString();
        }
        if (root.path("error").path("code").isString()) {
            return root.path("error").path("code").asString();
        }
        if (root.path("code").isString()) {
            return root.path("code").asString();
        }
        JsonNode errors = root.path("errors");
        if (errors.isObject() && !errors.isEmpty()) {
            return errors.propertyNames().iterator().next();
        }
        if (errors.isArray() && !errors.isEmpty()) {
            return errors.get(0).isString() ? errors.get(0).asString() : errors.get(0).path("code").asString("");
        }
        return "";
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

    /** v1 {@code /device/relay/control}: only success or failure matters. */
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
        channels.sort(Comparator.comparingInt(ShellyChannel::channel));
        return new ShellyDeviceStatus(cloudId, true, channels);
    }

    private static ShellyChannel gen2Switch(int channel, JsonNode sw) {
        JsonNode output = sw.path("output");
        return new ShellyChannel(channel, output.isBoolean() ? output.asBoolean() : null,
                Json.number(sw.path("apower")), Json.number(sw.path("voltage")), Json.number(sw.path("current")),
                // Gen2 aenergy.total is already watt-hours
                Json.number(sw.path("aenergy").path("total")));
    }

    /** Gen1 meters give power and energy only: no voltage, no current. */
    private static ShellyChannel gen1Relay(int channel, JsonNode relay, JsonNode meter) {
        JsonNode ison = relay.path("ison");
        Double wattMinutes = Json.number(meter.path("total"));
        return new ShellyChannel(channel, ison.isBoolean() ? ison.asBoolean() : null, Json.number(meter.path("power")),
                null, null,
                // Gen1 meters count watt-minutes
                wattMinutes == null ? null : wattMinutes / 60.0);
    }

    /** v1 sends {@code true}/{@code false}, v2 {@code 1}/{@code 0}; anything else (absent, null) is not online. */
    private static boolean isTrue(JsonNode flag) {
        return (flag.isBoolean() && flag.asBoolean()) || (flag.isNumber() && flag.asInt() == 1);
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
