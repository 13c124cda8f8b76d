package io.commandcenter.simulation;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Shelly Gen2 local RPC of each relay under {@code /shelly-local/{cloudId}}. A real offline device fails at the
 * connection; here it answers 503 (or hangs, with the timeout fault).
 */
final class ShellyLocalApi implements SimulatedApi {

    private static final Pattern RPC = Pattern.compile("/([0-9a-f]+)/rpc/(Switch\\.GetStatus|Switch\\.Set)");

    private final SiteModel model;

    ShellyLocalApi(SiteModel model) {
        this.model = model;
    }

    @Override
    public Object errorBody(int status, String message) {
        return Map.of("code", -status, "message", message);
    }

    @Override
    public String rateLimitKey(HttpCall call) {
        String path = call.path();
        int slash = path.indexOf('/', 1);
        return slash < 0 ? path : path.substring(0, slash);
    }

    @Override
    public Reply handle(HttpCall call, boolean stale, boolean offlineFault) {
        Matcher rpc = RPC.matcher(call.path());
        if (!rpc.matches()) {
            return Reply.status(404, Map.of("code", 404, "message", "No handler for " + call.path()));
        }
        String cloudId = rpc.group(1);
        SiteState state = model.state();
        if (ShellyStatus.channels(state, cloudId).isEmpty()) {
            return Reply.status(404, Map.of("code", 404, "message", "No device " + cloudId));
        }
        if (offlineFault || !ShellyStatus.online(state, cloudId)) {
            return Reply.status(503, Map.of("code", -1, "message", "Device unreachable"));
        }
        int channel;
        try {
            channel = Integer.parseInt(call.param("id") == null ? "0" : call.param("id"));
        } catch (NumberFormatException e) {
            return Reply.status(400, Map.of("code", -103, "message", "Invalid argument 'id'!"));
        }
        SiteState.Device device = ShellyStatus.channels(state, cloudId).stream()
                .filter(d -> d.channel() == channel).findFirst().orElse(null);
        if (device == null) {
            return Reply.status(400, Map.of("code", -105, "message", "Argument 'id', value " + channel + " not found!"));
        }
        if (rpc.group(2).equals("Switch.GetStatus")) {
            if (stale) {
                SiteState old = model.stateAt(state.time().minus(model.faults().current().shellyLocal().staleAge()));
                device = ShellyStatus.channels(old, cloudId).stream().filter(d -> d.channel() == channel).findFirst()
                        .orElse(device);
                return Reply.ok(ShellyStatus.switchStatus(device, old.time()));
            }
            return Reply.ok(ShellyStatus.switchStatus(device, state.time()));
        }
        String on = call.param("on");
        if (!"true".equals(on) && !"false".equals(on)) {
            return Reply.status(400, Map.of("code", -103, "message", "Invalid argument 'on'!"));
        }
        RelayOutcome outcome = model.setRelay(cloudId, channel, Boolean.parseBoolean(on));
        if (outcome == RelayOutcome.DEVICE_OFFLINE) {
            return Reply.status(503, Map.of("code", -1, "message", "Device unreachable"));
        }
        return Reply.ok(Map.of("was_on", device.on()));
    }
}
