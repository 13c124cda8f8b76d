package io.commandcenter.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Gen2 status objects of a simulated Shelly relay, shared by the cloud and the local RPC. */
final class ShellyStatus {

    static final String MODEL_CODE = "SNSW-001P16EU";
    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

    private ShellyStatus() {
    }

    /** The relays of one Shelly (one per channel) in a state. */
    static List<SiteState.Device> channels(SiteState state, String cloudId) {
        return state.devices().stream().filter(d -> d.cloudId().equals(cloudId)).toList();
    }

    static boolean online(SiteState state, String cloudId) {
        return channels(state, cloudId).stream().allMatch(SiteState.Device::online);
    }

    /** {@code switch:N}: output, power W, voltage V, current A, energy Wh with the last three minutes in mWh. */
    static Map<String, Object> switchStatus(SiteState.Device device, Instant at) {
        Map<String, Object> status = new LinkedHashMap<>();
        status.put("id", device.channel());
        status.put("source", "cloud");
        status.put("output", device.on());
        status.put("apower", round(device.powerW(), 1));
        status.put("voltage", round(device.voltage(), 1));
        status.put("current", round(device.currentA(), 3));
        double perMinuteMilliWh = round(device.powerW() * 1000 / 60, 3);
        status.put("aenergy", Map.of("total", round(device.energyWh(), 3),
                "by_minute", List.of(perMinuteMilliWh, perMinuteMilliWh, perMinuteMilliWh),
                "minute_ts", at.getEpochSecond() / 60 * 60));
        status.put("temperature", Map.of("tC", round(device.temperatureC(), 1),
                "tF", round(device.temperatureC() * 9 / 5 + 32, 1)));
        return status;
    }

    /** The cloud's {@code device_status} of one Shelly. */
    static Map<String, Object> deviceStatus(SiteState state, String cloudId, boolean online, Duration uptime) {
        Map<String, Object> status = new LinkedHashMap<>();
        for (SiteState.Device device : channels(state, cloudId)) {
            status.put("switch:" + device.channel(), switchStatus(device, state.time()));
        }
        status.put("sys", Map.of("mac", cloudId.toUpperCase(), "uptime", Math.max(0, uptime.toSeconds()),
                "unixtime", state.time().getEpochSecond()));
        status.put("_dev_info", Map.of("id", cloudId, "gen", "G2", "code", MODEL_CODE, "online", online));
        status.put("_updated", UPDATED.format(state.time()));
        return status;
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
