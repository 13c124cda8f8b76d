package io.commandcenter.simulation;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.commandcenter.sitemodel.RelayOutcome;
import io.commandcenter.sitemodel.SiteModel;
import io.commandcenter.sitemodel.SiteState;

/**
 * Shelly Gen2 local RPC of each relay under {@code /shelly-local/{cloudId}}. A real offline device fails at the
 * connection; here it answers 503 (or hangs, with the timeout fault). With a password set
 * ({@link SiteSimulator#requireShellyLocalPassword}) every device asks for HTTP Digest authentication as a Gen2
 * device with authentication enabled does: 401 with {@code WWW-Authenticate: Digest qop="auth", realm=<device id>,
 * nonce, algorithm=SHA-256}, user {@code admin}.
 */
final class ShellyLocalApi implements SimulatedApi {

    private static final Pattern RPC = Pattern.compile("/([0-9a-f]+)/rpc/(Switch\\.GetStatus|Switch\\.Set)");

    private static final Pattern DIGEST_PARAM = Pattern.compile("(\\w+)=(?:\"([^\"]*)\"|([^,\\s]+))");

    private final SiteModel model;
    private final java.util.Set<String> nonces = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private final java.security.SecureRandom random = new java.security.SecureRandom();
    private volatile String password;

    ShellyLocalApi(SiteModel model) {
        this.model = model;
    }

    /** Null: devices without a password (the default). */
    void requirePassword(String password) {
        this.password = password;
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
        String required = password;
        if (required != null && !authorized(call, cloudId, required)) {
            String nonce = Long.toHexString(random.nextLong());
            nonces.add(nonce);
            return new Reply(401, Map.of("code", 401, "message", "Unauthorized"), Map.of("WWW-Authenticate",
                    "Digest qop=\"auth\", realm=\"" + realm(cloudId) + "\", nonce=\"" + nonce + "\", algorithm=SHA-256"));
        }
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

    private static String realm(String cloudId) {
        return "shellyplus1pm-" + cloudId;
    }

    /** RFC 7616 with SHA-256 and qop=auth: the answer must use a nonce this simulator issued and the request's path. */
    private boolean authorized(HttpCall call, String cloudId, String required) {
        String header = call.header("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Digest ", 0, 7)) {
            return false;
        }
        Map<String, String> p = new java.util.HashMap<>();
        Matcher m = DIGEST_PARAM.matcher(header.substring(7));
        while (m.find()) {
            p.put(m.group(1).toLowerCase(), m.group(2) != null ? m.group(2) : m.group(3));
        }
        String uri = p.getOrDefault("uri", "");
        String uriPath = uri.contains("?") ? uri.substring(0, uri.indexOf('?')) : uri;
        if (!"admin".equals(p.get("username")) || !realm(cloudId).equals(p.get("realm"))
                || !"SHA-256".equalsIgnoreCase(p.get("algorithm")) || !nonces.contains(p.get("nonce"))
                || !uriPath.equals("/shelly-local" + call.path())) {
            return false;
        }
        String ha1 = sha256("admin:" + realm(cloudId) + ":" + required);
        String ha2 = sha256(call.method() + ":" + uri);
        String expected = sha256(ha1 + ":" + p.get("nonce") + ":" + p.get("nc") + ":" + p.get("cnonce") + ":"
                + p.get("qop") + ":" + ha2);
        return expected.equals(p.get("response"));
    }

    private static String sha256(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
