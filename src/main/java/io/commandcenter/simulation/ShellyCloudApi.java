package io.commandcenter.simulation;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Shelly Cloud under {@code /shelly}: device status, relay control, all_status and the device list. */
final class ShellyCloudApi implements SimulatedApi {

    private final SiteModel model;
    private final SimulatorCredentials credentials;

    ShellyCloudApi(SiteModel model, SimulatorCredentials credentials) {
        this.model = model;
        this.credentials = credentials;
    }

    @Override
    public Object errorBody(int status, String message) {
        return Map.of("isok", false, "errors", status == 429
                ? Map.of("max_req", "Request limit reached!")
                : Map.of("internal_error", message));
    }

    @Override
    public String rateLimitKey(HttpCall call) {
        return String.valueOf(call.param("auth_key"));
    }

    @Override
    public Reply handle(HttpCall call, boolean stale, boolean offline) {
        if (!credentials.shellyAuthKey().equals(call.param("auth_key"))) {
            return Reply.status(401, failure("invalid_token", "Invalid or missing auth_key"));
        }
        return switch (call.path()) {
            case "/device/status" -> status(call.param("id"), stale, offline);
            case "/device/relay/control" -> control(call, offline);
            case "/device/all_status" -> allStatus(stale, offline);
            case "/interface/device/get_all_lists" -> deviceList();
            default -> Reply.status(404, failure("not_found", "No such method: " + call.path()));
        };
    }

    private Reply status(String id, boolean stale, boolean offlineFault) {
        SiteState now = model.state();
        if (id == null || ShellyStatus.channels(now, id).isEmpty()) {
            return Reply.ok(failure("device_not_found", "Device not found!"));
        }
        boolean online = !offlineFault && ShellyStatus.online(now, id);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("online", online);
        data.put("device_status", status(id, now, stale, online));
        return Reply.ok(Map.of("isok", true, "data", data));
    }

    /** Online: the present (or, when stale, an old) status. Offline: the last status seen before it dropped. */
    private Map<String, Object> status(String id, SiteState now, boolean stale, boolean online) {
        SiteState state = now;
        if (stale) {
            state = model.stateAt(now.time().minus(model.faults().current().shellyCloud().staleAge()));
        } else if (!online) {
            state = model.lastStateWhere(s -> ShellyStatus.online(s, id)).orElse(null);
        }
        if (state == null) {
            return null;
        }
        return ShellyStatus.deviceStatus(state, id, online, Duration.between(model.scenario().start(), state.time()));
    }

    private Reply control(HttpCall call, boolean offlineFault) {
        String id = call.param("id");
        String turn = call.param("turn");
        int channel;
        try {
            channel = call.param("channel") == null ? 0 : Integer.parseInt(call.param("channel"));
        } catch (NumberFormatException e) {
            return Reply.ok(failure("invalid_channel", "channel must be a number"));
        }
        if (!"on".equals(turn) && !"off".equals(turn)) {
            return Reply.ok(failure("invalid_turn", "turn must be on or off"));
        }
        if (id == null || model.indexOf(id, channel) < 0) {
            return Reply.ok(failure("device_not_found", "Device not found!"));
        }
        if (offlineFault) {
            return Reply.ok(failure("DEVICE_OFFLINE", "Device is offline!"));
        }
        return switch (model.setRelay(id, channel, "on".equals(turn))) {
            case DEVICE_OFFLINE -> Reply.ok(failure("DEVICE_OFFLINE", "Device is offline!"));
            case UNKNOWN_DEVICE -> Reply.ok(failure("device_not_found", "Device not found!"));
            // IGNORED answers OK too: that is the fault.
            case SWITCHED, IGNORED -> Reply.ok(Map.of("isok", true, "data", Map.of("device_id", id)));
        };
    }

    private Reply allStatus(boolean stale, boolean offlineFault) {
        SiteState now = model.state();
        Map<String, Object> statuses = new LinkedHashMap<>();
        for (String id : cloudIds()) {
            boolean online = !offlineFault && ShellyStatus.online(now, id);
            statuses.put(id, status(id, now, stale, online));
        }
        return Reply.ok(Map.of("isok", true, "data", Map.of("devices_status", statuses)));
    }

    private Reply deviceList() {
        Map<String, Object> devices = new LinkedHashMap<>();
        for (Scenario.DeviceSpec spec : model.scenario().devices()) {
            devices.computeIfAbsent(spec.cloudId(), id -> {
                List<Scenario.DeviceSpec> channels = model.scenario().devices().stream()
                        .filter(d -> d.cloudId().equals(id)).toList();
                Map<String, Object> device = new LinkedHashMap<>();
                device.put("id", id);
                device.put("name", spec.name());
                device.put("type", ShellyStatus.MODEL_CODE);
                device.put("category", "relay");
                device.put("gen", 2);
                device.put("channel", spec.channel());
                device.put("channels_count", channels.size());
                Map<String, String> names = new LinkedHashMap<>();
                channels.forEach(d -> names.put(Integer.toString(d.channel()), d.name()));
                device.put("channel_names", names);
                device.put("room_id", 0);
                return device;
            });
        }
        return Reply.ok(Map.of("isok", true, "data", Map.of("devices", devices)));
    }

    private List<String> cloudIds() {
        return model.scenario().devices().stream().map(Scenario.DeviceSpec::cloudId).distinct().toList();
    }

    private static Map<String, Object> failure(String code, String message) {
        return Map.of("isok", false, "errors", Map.of(code, message));
    }
}
