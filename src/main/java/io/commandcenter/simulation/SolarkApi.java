package io.commandcenter.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.commandcenter.sitemodel.Faults;
import io.commandcenter.sitemodel.SiteModel;
import io.commandcenter.sitemodel.SiteState;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * SolArk cloud under {@code /solark}: password and refresh-token login, plant list, energy flow. Like the real
 * cloud it refreshes every five minutes, so the flow holds the values of the last 5-minute mark. An access token it
 * no longer accepts is answered with HTTP 200 and code 102, as the real cloud does; only a request without any
 * token gets a 401.
 */
final class SolarkApi implements SimulatedApi {

    private static final Pattern FLOW = Pattern.compile("/api/v1/plant/energy/(\\d+)/flow");
    private static final long REFRESH_SECONDS = 300;
    private static final DateTimeFormatter UPDATED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

    private final SiteModel model;
    private final SimulatorCredentials credentials;
    /** Access token → when it stops being accepted (simulated time). */
    private final Map<String, Instant> accessTokens = new ConcurrentHashMap<>();
    private final Set<String> refreshTokens = ConcurrentHashMap.newKeySet();

    SolarkApi(SiteModel model, SimulatorCredentials credentials) {
        this.model = model;
        this.credentials = credentials;
    }

    @Override
    public Object errorBody(int status, String message) {
        return envelope(status, message, null);
    }

    @Override
    public String rateLimitKey(HttpCall call) {
        return String.valueOf(call.header("Authorization"));
    }

    @Override
    public Reply handle(HttpCall call, boolean stale, boolean offline) {
        if (call.path().equals("/oauth/token") && call.method().equals("POST")) {
            return token(call);
        }
        String authorization = call.header("Authorization");
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return Reply.status(401, envelope(401, "Unauthorized", null));
        }
        Instant expires = accessTokens.get(authorization.substring(7).trim());
        if (expires == null || !model.now().isBefore(expires)) {
            return Reply.ok(envelope(102, "token invalid or expired", null));
        }
        if (call.path().equals("/api/v1/plants")) {
            return plants(stale);
        }
        Matcher flow = FLOW.matcher(call.path());
        if (flow.matches()) {
            if (Long.parseLong(flow.group(1)) != credentials.solarkPlantId()) {
                return Reply.ok(envelope(1, "Plant not found or no permission", null));
            }
            return Reply.ok(envelope(0, "Success", flow(reported(stale))));
        }
        return Reply.status(404, envelope(404, "Not found: " + call.path(), null));
    }

    private Reply token(HttpCall call) {
        JsonNode body;
        try {
            body = SiteSimulator.JSON.readTree(call.body());
        } catch (JacksonException e) {
            return Reply.status(400, envelope(400, "Bad request body", null));
        }
        String grant = body.path("grant_type").asString("");
        boolean ok = switch (grant) {
            case "password" -> credentials.solarkUsername().equals(body.path("username").asString(null))
                    && credentials.solarkPassword().equals(body.path("password").asString(null));
            case "refresh_token" -> refreshTokens.remove(body.path("refresh_token").asString(""));
            default -> false;
        };
        if (!ok) {
            return Reply.ok(envelope(2, "No Permissions", null));
        }
        String access = UUID.randomUUID().toString();
        String refresh = UUID.randomUUID().toString();
        accessTokens.put(access, model.now().plus(model.faults().current().quirks().solarkTokenLifetime()));
        refreshTokens.add(refresh);
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("access_token", access);
        data.put("token_type", "bearer");
        data.put("refresh_token", refresh);
        data.put("expires_in", 604799);
        data.put("scope", "all");
        return Reply.ok(envelope(0, "Success", data));
    }

    /**
     * What the cloud shows now: the last 5-minute refresh; during a frozen window the last refresh before it froze;
     * an older one when the stale fault fires.
     */
    private SiteState reported(boolean stale) {
        Instant now = model.now();
        Faults.Window frozen = Faults.Quirks.covering(model.faults().current().quirks().solarkFrozen(),
                Duration.between(model.scenario().start(), now));
        if (frozen != null) {
            now = model.scenario().start().plus(frozen.start());
        }
        Instant shown = Instant.ofEpochSecond(now.getEpochSecond() / REFRESH_SECONDS * REFRESH_SECONDS);
        if (stale) {
            shown = shown.minus(model.faults().current().solark().staleAge());
        }
        return model.stateAt(shown);
    }

    private Reply plants(boolean stale) {
        SiteState state = reported(stale);
        Map<String, Object> plant = new LinkedHashMap<>();
        plant.put("id", credentials.solarkPlantId());
        plant.put("name", model.scenario().name());
        plant.put("status", 1);
        plant.put("pac", Math.round(state.pvW()));
        plant.put("efficiency", 0);
        plant.put("updateAt", UPDATED.format(state.time().atZone(model.scenario().timezone())));
        Map<String, Object> page = new LinkedHashMap<>();
        page.put("pageSize", 10);
        page.put("pageNumber", 1);
        page.put("total", 1);
        page.put("infos", List.of(plant));
        return Reply.ok(envelope(0, "Success", page));
    }

    /** Positive magnitudes with direction flags: firmware signs vary, the flags do not. */
    private static Map<String, Object> flow(SiteState state) {
        double battery = state.batteryW();
        double grid = state.gridW();
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("custCode", 29);
        data.put("meterCode", 0);
        data.put("pvPower", Math.round(state.pvW()));
        data.put("battPower", Math.round(Math.abs(battery)));
        data.put("gridOrMeterPower", Math.round(Math.abs(grid)));
        data.put("loadOrEpsPower", Math.round(state.loadW() - state.unmetLoadW()));
        data.put("genPower", 0);
        data.put("minPower", 0);
        data.put("soc", Math.round(state.socPercent()));
        data.put("pvTo", state.pvW() > 0);
        data.put("toLoad", state.loadW() - state.unmetLoadW() > 0);
        data.put("toSmartLoad", false);
        data.put("toGrid", grid < 0);
        data.put("toBat", battery > 0);
        data.put("batTo", battery < 0);
        data.put("gridTo", grid > 0);
        data.put("genTo", false);
        data.put("minTo", false);
        data.put("existsGen", false);
        data.put("existsMin", false);
        data.put("genOn", false);
        data.put("microOn", false);
        data.put("existsMeter", false);
        data.put("bmsCommFaultFlag", false);
        data.put("pv", List.of(Map.of("power", Math.round(state.pvW()), "toInv", state.pvW() > 0)));
        data.put("existThinkPower", false);
        return data;
    }

    private static Map<String, Object> envelope(int code, String msg, Object data) {
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("code", code);
        envelope.put("msg", msg);
        if (data != null) {
            envelope.put("data", data);
        }
        envelope.put("success", code == 0);
        return envelope;
    }
}
