package io.commandcenter.simulation;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.sitemodel.SiteModel;
import io.commandcenter.sitemodel.SiteState;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * Shelly Cloud under {@code /shelly}: Cloud Control API v1 (device status, relay control, all_status, the device
 * list; form posts, {@code isok} envelope) and v2 ({@code /v2/devices/api/get}, {@code /v2/devices/api/set/switch};
 * JSON bodies, {@code auth_key} in the query, named errors).
 */
final class ShellyCloudApi implements SimulatedApi {

    private static final int V2_MAX_IDS = 10;

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
        boolean v2 = call.path().startsWith("/v2/");
        if (!credentials.shellyAuthKey().equals(call.param("auth_key"))) {
            return v2 ? v2Error(401, "UNAUTHORIZED", "Invalid or missing auth_key")
                    : Reply.status(401, failure("invalid_token", "Invalid or missing auth_key"));
        }
        return switch (call.path()) {
            case "/device/status" -> status(call.param("id"), stale, offline);
            case "/device/relay/control" -> control(call, offline);
            case "/device/all_status" -> allStatus("true".equals(call.param("show_info")), stale, offline);
            case "/interface/device/get_all_lists" -> deviceList();
            case "/v2/devices/api/get" -> v2Get(call, stale, offline);
            case "/v2/devices/api/set/switch" -> v2SetSwitch(call, offline);
            default -> v2 ? v2Error(404, "NOT_FOUND", "No such method: " + call.path())
                    : Reply.status(404, failure("not_found", "No such method: " + call.path()));
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
        Map<String, Object> status = status(id, now, stale, online);
        if (status != null) {
            status.put("_dev_info", ShellyStatus.devInfo(id, generation(id), online));
        }
        data.put("device_status", status);
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
        return ShellyStatus.deviceStatus(state, id, generation(id),
                Duration.between(model.scenario().start(), state.time()));
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
        if (id == null || !model.hasDevice(id, channel)) {
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

    /** Like the real cloud, the online flag ({@code _dev_info}) comes only with {@code show_info=true}. */
    private Reply allStatus(boolean showInfo, boolean stale, boolean offlineFault) {
        SiteState now = model.state();
        Map<String, Object> statuses = new LinkedHashMap<>();
        for (String id : cloudIds()) {
            boolean online = !offlineFault && ShellyStatus.online(now, id);
            Map<String, Object> status = status(id, now, stale, online);
            if (status == null) {
                // never seen online: the real cloud has nothing to show either
                continue;
            }
            if (showInfo) {
                status.put("_dev_info", ShellyStatus.devInfo(id, generation(id), online));
            }
            statuses.put(id, status);
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
                device.put("type", ShellyStatus.modelCode(spec.generation()));
                device.put("category", "relay");
                device.put("gen", spec.generation());
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

    /** v2 get: {@code {"ids":[1..10],"select":["status"]}} → a list of device states; unknown ids are left out. */
    private Reply v2Get(HttpCall call, boolean stale, boolean offlineFault) {
        JsonNode body = jsonBody(call);
        if (body == null || !body.path("ids").isArray() || body.path("ids").isEmpty()
                || body.path("ids").size() > V2_MAX_IDS) {
            return v2Error(400, "BAD_REQUEST", "ids must list 1 to " + V2_MAX_IDS + " device ids");
        }
        boolean withStatus = false;
        for (JsonNode select : body.path("select")) {
            withStatus |= "status".equals(select.asString(""));
        }
        SiteState now = model.state();
        List<Map<String, Object>> states = new ArrayList<>();
        for (JsonNode idNode : body.path("ids")) {
            String id = idNode.asString("");
            if (ShellyStatus.channels(now, id).isEmpty()) {
                continue;
            }
            boolean online = !offlineFault && ShellyStatus.online(now, id);
            Map<String, Object> state = new LinkedHashMap<>();
            state.put("id", id);
            state.put("type", "relay");
            state.put("code", ShellyStatus.modelCode(generation(id)));
            state.put("gen", ShellyStatus.generationName(generation(id)));
            state.put("online", online ? 1 : 0);
            Map<String, Object> status = withStatus ? status(id, now, stale, online) : null;
            if (status != null) {
                state.put("status", status);
            }
            states.add(state);
        }
        return Reply.ok(states);
    }

    /** v2 set/switch: {@code {"id","channel","on"}} → HTTP 200 with an empty body when accepted. */
    private Reply v2SetSwitch(HttpCall call, boolean offlineFault) {
        JsonNode body = jsonBody(call);
        if (body == null || !body.path("id").isString() || !body.path("on").isBoolean()
                || !(body.path("channel").isMissingNode() || body.path("channel").isInt())) {
            return v2Error(400, "BAD_REQUEST", "expected {\"id\":string,\"channel\":number,\"on\":boolean}");
        }
        String id = body.path("id").asString();
        int channel = body.path("channel").asInt(0);
        if (!model.hasDevice(id, channel)) {
            return v2Error(404, "DEVICE_NOT_FOUND", "Device not found");
        }
        if (offlineFault) {
            return v2Error(400, "DEVICE_OFFLINE", "Device is offline");
        }
        return switch (model.setRelay(id, channel, body.path("on").asBoolean())) {
            case DEVICE_OFFLINE -> v2Error(400, "DEVICE_OFFLINE", "Device is offline");
            case UNKNOWN_DEVICE -> v2Error(404, "DEVICE_NOT_FOUND", "Device not found");
            // IGNORED is accepted too: that is the fault.
            case SWITCHED, IGNORED -> Reply.ok(null);
        };
    }

    private static JsonNode jsonBody(HttpCall call) {
        if (call.body() == null || call.body().isBlank()) {
            return null;
        }
        try {
            return SiteSimulator.JSON.readTree(call.body());
        } catch (JacksonException e) {
            return null;
        }
    }

    /** v2 names its errors; the envelope here is {@code {"error":NAME,"message":…}} (see docs/simulator.md). */
    private static Reply v2Error(int status, String name, String message) {
        return Reply.status(status, Map.of("error", name, "message", message));
    }

    private int generation(String cloudId) {
        return ShellyStatus.generation(model.scenario(), cloudId);
    }

    private List<String> cloudIds() {
        return model.scenario().devices().stream().map(Scenario.DeviceSpec::cloudId).distinct().toList();
    }

    private static Map<String, Object> failure(String code, String message) {
        return Map.of("isok", false, "errors", Map.of(code, message));
    }
}
