package io.commandcenter.ingest.solark;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.internal.Json;
import tools.jackson.databind.JsonNode;

/**
 * Pure parsing of SolArk cloud answers. Every answer is an envelope {@code {code, msg, success, data}}: a non-zero
 * code or {@code success:false} is a failure even when HTTP said 200.
 */
final class SolArkPayloads {

    private SolArkPayloads() {
    }

    /** The envelope code SolArk answers, with HTTP 200, to a request whose access token it no longer accepts. */
    static final int TOKEN_INVALID = 102;

    /**
     * Throws {@link CloudException.Kind#UNAUTHORIZED} when the answer says the access token is dead: code 102
     * ("token invalid or expired", with HTTP 200), an OAuth-style 401 inside the envelope, or any refusal whose
     * message is about the token. The caller logs in again; other answers pass unchanged.
     */
    static void requireLiveToken(String body) {
        JsonNode root;
        try {
            root = Json.read(body);
        } catch (CloudException unreadable) {
            return; // the parser that follows reports it
        }
        int code = root.path("code").asInt(0);
        if (code == 0 && root.path("success").asBoolean(true)) {
            return;
        }
        String msg = root.path("msg").asString("");
        String lower = msg.toLowerCase(Locale.ROOT);
        boolean aboutToken = lower.contains("token") && (lower.contains("invalid") || lower.contains("expired"));
        if (code == TOKEN_INVALID || code == 401 || aboutToken) {
            throw new CloudException(CloudException.Kind.UNAUTHORIZED, 200, "SolArk refused the access token: code "
                    + code + " " + msg, null, null);
        }
    }

    /** {@code POST /oauth/token}. A refused login is {@link CloudException.Kind#UNAUTHORIZED}. */
    static Token token(String body) {
        JsonNode data;
        try {
            data = successful(body, "login");
        } catch (CloudException e) {
            if (e.kind() == CloudException.Kind.REJECTED) {
                throw new CloudException(CloudException.Kind.UNAUTHORIZED, 0, e.getMessage(), null, e);
            }
            throw e;
        }
        String access = data.path("access_token").asString(null);
        if (access == null || access.isBlank()) {
            throw new CloudException(CloudException.Kind.BAD_PAYLOAD, "SolArk login answered without access_token");
        }
        return new Token(access, data.path("refresh_token").asString(null), data.path("expires_in").asLong(0));
    }

    /** {@code GET /api/v1/plants}. */
    static List<Plant> plants(String body) {
        List<Plant> plants = new ArrayList<>();
        for (JsonNode info : successful(body, "plants").path("infos")) {
            plants.add(new Plant(info.path("id").asLong(), info.path("name").asString(""), info.path("status").asInt(0)));
        }
        return plants;
    }

    /**
     * {@code GET /api/v1/plant/energy/{id}/flow}. Firmware disagrees on signs, so magnitudes are taken as they come
     * and the direction from the flags: {@code toBat} charging, {@code batTo} discharging, {@code gridTo} import,
     * {@code toGrid} export. Without a flag the flow stands still, whatever number is shown. With micro-inverters or
     * AC-coupled PV ({@code existsMin} or {@code microOn}) their output {@code minPower} is PV too.
     */
    static EnergyFlow flow(String body) {
        JsonNode data = successful(body, "energy flow");
        Double pv = Json.number(data.path("pvPower"));
        Double battery = Json.number(data.path("battPower"));
        Double grid = Json.number(data.path("gridOrMeterPower"));
        Double load = Json.number(data.path("loadOrEpsPower"));
        Double soc = Json.number(data.path("soc"));
        if (pv == null || battery == null || grid == null || load == null || soc == null) {
            throw new CloudException(CloudException.Kind.BAD_PAYLOAD,
                    "SolArk energy flow lacks pvPower, battPower, gridOrMeterPower, loadOrEpsPower or soc");
        }
        double pvPower = Math.abs(pv);
        if (flag(data, "existsMin") || flag(data, "microOn")) {
            Double micro = Json.number(data.path("minPower"));
            if (micro == null) {
                throw new CloudException(CloudException.Kind.BAD_PAYLOAD,
                        "SolArk energy flow flags micro-inverters but lacks minPower");
            }
            pvPower += Math.abs(micro);
        }
        double batteryPower = directed(battery, flag(data, "toBat"), flag(data, "batTo"));
        double gridPower = directed(grid, flag(data, "gridTo"), flag(data, "toGrid"));
        return new EnergyFlow(pvPower, batteryPower, gridPower, Math.abs(load), soc);
    }

    private static double directed(double value, boolean positive, boolean negative) {
        if (positive == negative) {
            return 0.0;
        }
        return positive ? Math.abs(value) : -Math.abs(value);
    }

    private static boolean flag(JsonNode data, String name) {
        return data.path(name).asBoolean(false);
    }

    private static JsonNode successful(String body, String what) {
        JsonNode root = Json.read(body);
        int code = root.path("code").asInt(-1);
        boolean success = root.path("success").asBoolean(code == 0);
        if (code != 0 || !success) {
            throw new CloudException(CloudException.Kind.REJECTED, "SolArk " + what + " refused: code " + code + " "
                    + root.path("msg").asString(""));
        }
        return root.path("data");
    }

    record Token(String accessToken, String refreshToken, long expiresInSeconds) {
    }

    /**
     * Inverter power flows with our signs.
     *
     * @param batteryPower watts, positive while charging
     * @param gridPower    watts, positive while importing
     */
    record EnergyFlow(double pvPower, double batteryPower, double gridPower, double loadPower, double soc) {
    }
}
