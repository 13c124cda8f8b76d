package io.commandcenter.ingest.victron;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.internal.Json;
import tools.jackson.databind.JsonNode;

/** Pure parsing of VRM API v2 answers. */
final class VictronPayloads {

    // VRM data attribute ids in the BatterySummary widget.
    static final String SOC = "51";
    static final String VOLTAGE = "47";
    static final String CURRENT = "49";
    static final String TEMPERATURE = "115";

    private VictronPayloads() {
    }

    /**
     * The BatterySummary widget. Without a valid monitor instance VRM answers success with only
     * {@code hasOldData}/{@code secondsAgo} in {@code data}: then {@link BatterySummary#hasData()} is false.
     */
    static BatterySummary batterySummary(String body) {
        JsonNode data = successful(body).path("records").path("data");
        if (!data.isObject()) {
            throw new CloudException(CloudException.Kind.BAD_PAYLOAD, "BatterySummary without records.data");
        }
        Double soc = value(data.path(SOC));
        Double voltage = value(data.path(VOLTAGE));
        Double current = value(data.path(CURRENT));
        Double temperature = value(data.path(TEMPERATURE));
        boolean hasOldData = data.path("hasOldData").asBoolean(false);
        Long secondsAgo = secondsAgo(data.path("secondsAgo"));
        if (secondsAgo == null) {
            secondsAgo = secondsAgo(data.path(SOC).path("secondsAgo"));
        }
        return new BatterySummary(soc, voltage, current, temperature, hasOldData, secondsAgo == null ? 0 : secondsAgo);
    }

    /** {@code POST /auth/login}: the bearer token and the user id. */
    static Login login(String body) {
        JsonNode root = Json.read(body);
        String token = root.path("token").asString(null);
        if (token == null || token.isBlank()) {
            throw new CloudException(CloudException.Kind.UNAUTHORIZED, "VRM login answered without a token: "
                    + Json.errors(root.path("errors")));
        }
        return new Login(token, root.path("idUser").asLong(0));
    }

    /** {@code GET /users/me}: the user id. */
    static long userId(String body) {
        JsonNode user = successful(body).path("user");
        long id = user.path("id").asLong(0);
        if (id == 0) {
            throw new CloudException(CloudException.Kind.BAD_PAYLOAD, "VRM /users/me without user.id");
        }
        return id;
    }

    /** {@code GET /users/{id}/installations}. */
    static List<Installation> installations(String body) {
        List<Installation> sites = new ArrayList<>();
        for (JsonNode record : successful(body).path("records")) {
            sites.add(new Installation(record.path("idSite").asLong(), record.path("name").asString(""),
                    record.path("timezone").asString(null)));
        }
        return sites;
    }

    /**
     * {@code GET /installations/{id}/diagnostics}: the battery monitors it lists, as (instance, device name), in the
     * order VRM lists them. A record belongs to a battery monitor when its {@code dbusServiceType} is
     * {@code battery} or its {@code Device} is a battery monitor.
     */
    static List<Monitor> batteryMonitors(String body) {
        Map<Integer, Monitor> found = new LinkedHashMap<>();
        for (JsonNode record : successful(body).path("records")) {
            String device = record.path("Device").asString("");
            boolean battery = "battery".equals(record.path("dbusServiceType").asString(""))
                    || device.toLowerCase(Locale.ROOT).contains("battery monitor");
            Double instance = Json.number(record.path("instance"));
            if (battery && instance != null) {
                found.putIfAbsent(instance.intValue(), new Monitor(instance.intValue(), device));
            }
        }
        return List.copyOf(found.values());
    }

    private static JsonNode successful(String body) {
        JsonNode root = Json.read(body);
        if (!root.path("success").asBoolean(false)) {
            throw new CloudException(CloudException.Kind.REJECTED, "VRM refused: " + Json.errors(root.path("errors"))
                    + (root.has("error_code") ? " (" + root.path("error_code").asString() + ")" : ""));
        }
        return root;
    }

    private static Double value(JsonNode attribute) {
        if (!attribute.isObject()) {
            return null;
        }
        Double value = Json.number(attribute.path("valueFloat"));
        return value != null ? value : Json.number(attribute.path("value"));
    }

    // VRM sends secondsAgo as a number on attributes and as {"value": n} at data level.
    private static Long secondsAgo(JsonNode node) {
        Double seconds = node.isObject() ? Json.number(node.path("value")) : Json.number(node);
        return seconds == null ? null : seconds.longValue();
    }

    record Login(String token, long userId) {
    }

    /** A battery monitor of the installation: its device instance and the name VRM gives the device. */
    record Monitor(int instance, String device) {
    }

    /**
     * @param hasOldData VRM's own flag that the monitor has not logged recently
     * @param secondsAgo age of the values when VRM answered
     */
    record BatterySummary(Double soc, Double voltage, Double current, Double temperature, boolean hasOldData,
                          long secondsAgo) {

        boolean hasData() {
            return soc != null && voltage != null && current != null;
        }
    }
}
