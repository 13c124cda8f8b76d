package io.commandcenter.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.sitemodel.SiteState;

/**
 * Status objects of a simulated Shelly, shared by the cloud (v1 and v2) and the local RPC: Gen2/Gen3
 * {@code switch:N}, Gen1 {@code relays[]}/{@code meters[]} (energy in watt-minutes, no voltage).
 */
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

    /** The Shelly generation the scenario gives the device (all channels of one device share it). */
    static int generation(Scenario scenario, String cloudId) {
        return scenario.devices().stream().filter(d -> d.cloudId().equals(cloudId)).findFirst()
                .map(Scenario.DeviceSpec::generation).orElse(2);
    }

    /** Model codes as the cloud reports them: Plug S (Gen1), Plus 1PM (Gen2), 1PM Gen3. */
    static String modelCode(int generation) {
        return switch (generation) {
            case 1 -> "SHPLG-S";
            case 3 -> "S3SW-001P16EU";
            default -> MODEL_CODE;
        };
    }

    /** {@code "G1"}, {@code "G2"}, {@code "G3"}, as the cloud's {@code gen} field says it. */
    static String generationName(int generation) {
        return "G" + generation;
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

    /**
     * The device's own status as the cloud keeps it (v1 {@code device_status}, v2 {@code status}), without
     * {@code _dev_info}: v1 adds that only when asked with {@code show_info=true}.
     */
    static Map<String, Object> deviceStatus(SiteState state, String cloudId, int generation, Duration uptime) {
        Map<String, Object> status = new LinkedHashMap<>();
        List<SiteState.Device> channels = channels(state, cloudId);
        if (generation == 1) {
            gen1(status, channels, state.time(), uptime);
        } else {
            for (SiteState.Device device : channels) {
                status.put("switch:" + device.channel(), switchStatus(device, state.time()));
            }
            status.put("sys", Map.of("mac", cloudId.toUpperCase(), "uptime", Math.max(0, uptime.toSeconds()),
                    "unixtime", state.time().getEpochSecond()));
            status.put("cloud", Map.of("connected", true));
        }
        status.put("_updated", UPDATED.format(state.time()));
        return status;
    }

    /** v1 all_status's {@code _dev_info} (sent only with {@code show_info=true}). */
    static Map<String, Object> devInfo(String cloudId, int generation, boolean online) {
        return Map.of("id", cloudId, "gen", generationName(generation), "code", modelCode(generation), "online", online);
    }

    /**
     * Gen1: {@code relays[]} and {@code meters[]} indexed by channel; meters count watt-minutes and carry no voltage.
     * {@code cloud.connected} is the device's own last report, so an offline device still says true there.
     */
    private static void gen1(Map<String, Object> status, List<SiteState.Device> channels, Instant at, Duration uptime) {
        int count = channels.stream().mapToInt(SiteState.Device::channel).max().orElse(-1) + 1;
        List<Map<String, Object>> relays = new ArrayList<>();
        List<Map<String, Object>> meters = new ArrayList<>();
        for (int channel = 0; channel < count; channel++) {
            int wanted = channel;
            SiteState.Device device = channels.stream().filter(d -> d.channel() == wanted).findFirst().orElse(null);
            Map<String, Object> relay = new LinkedHashMap<>();
            relay.put("ison", device != null && device.on());
            relay.put("has_timer", false);
            relay.put("overpower", false);
            relay.put("source", "cloud");
            relays.add(relay);
            double power = device == null ? 0 : device.powerW();
            Map<String, Object> meter = new LinkedHashMap<>();
            meter.put("power", round(power, 2));
            meter.put("overpower", 0.0);
            meter.put("is_valid", true);
            meter.put("timestamp", at.getEpochSecond());
            meter.put("counters", List.of(round(power / 60, 3), round(power / 60, 3), round(power / 60, 3)));
            meter.put("total", Math.round(device == null ? 0 : device.energyWh() * 60));
            meters.add(meter);
        }
        status.put("relays", relays);
        status.put("meters", meters);
        status.put("temperature", channels.isEmpty() ? 0 : round(channels.get(0).temperatureC(), 2));
        status.put("cloud", Map.of("enabled", true, "connected", true));
        status.put("uptime", Math.max(0, uptime.toSeconds()));
        status.put("unixtime", at.getEpochSecond());
    }

    static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
