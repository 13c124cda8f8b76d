package io.commandcenter.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToDoubleFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.commandcenter.sitemodel.Faults;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.sitemodel.SiteModel;
import io.commandcenter.sitemodel.SiteState;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Victron VRM API v2 under {@code /vrm}: login, user, installations, BatterySummary widget, diagnostics, stats. */
final class VrmApi implements SimulatedApi {

    private static final Pattern INSTALLATIONS = Pattern.compile("/v2/users/(\\d+)/installations");
    private static final Pattern SITE_CALL = Pattern.compile("/v2/installations/(\\d+)/(widgets/BatterySummary|stats|diagnostics)");

    /** Codes the model can answer in stats and diagnostics: VRM attribute code → value of a state. */
    private static final Map<String, ToDoubleFunction<SiteState>> CODES = new LinkedHashMap<>();

    static {
        CODES.put("bs", SiteState::socPercent);
        CODES.put("bv", SiteState::batteryVoltage);
        CODES.put("bc", SiteState::batteryCurrentA);
        CODES.put("bp", SiteState::batteryW);
        CODES.put("bt", SiteState::batteryTemperatureC);
    }

    private static final int SOLAR_CHARGER_INSTANCE = 278;

    private final SiteModel model;
    private final SimulatorCredentials credentials;
    private final Set<String> tokens = ConcurrentHashMap.newKeySet();

    VrmApi(SiteModel model, SimulatorCredentials credentials) {
        this.model = model;
        this.credentials = credentials;
    }

    @Override
    public Object errorBody(int status, String message) {
        return Map.of("success", false, "errors", message, "error_code", status == 429 ? "rate_limited" : "server_error");
    }

    @Override
    public String rateLimitKey(HttpCall call) {
        return String.valueOf(call.header("X-Authorization"));
    }

    @Override
    public Reply handle(HttpCall call, boolean stale, boolean offline) {
        if (call.path().equals("/v2/auth/login") && call.method().equals("POST")) {
            return login(call);
        }
        if (!authorized(call.header("X-Authorization"))) {
            return Reply.status(401, Map.of("success", false, "errors", "Authentication failed",
                    "error_code", "authentication_failed"));
        }
        if (call.path().equals("/v2/users/me")) {
            return Reply.ok(Map.of("success", true, "user", Map.of("id", credentials.vrmUserId(), "name", "Site Owner",
                    "email", credentials.vrmUsername(), "country", "US")));
        }
        Matcher installations = INSTALLATIONS.matcher(call.path());
        if (installations.matches()) {
            if (Long.parseLong(installations.group(1)) != credentials.vrmUserId()) {
                return Reply.status(403, Map.of("success", false, "errors", "Access denied", "error_code", "forbidden"));
            }
            return Reply.ok(Map.of("success", true, "records", List.of(installation())));
        }
        Matcher site = SITE_CALL.matcher(call.path());
        if (site.matches()) {
            if (Long.parseLong(site.group(1)) != credentials.vrmSiteId()) {
                return Reply.status(403, Map.of("success", false, "errors", "Installation not found or access denied",
                        "error_code", "forbidden"));
            }
            return switch (site.group(2)) {
                case "stats" -> stats(call);
                case "diagnostics" -> diagnostics(stale);
                default -> batterySummary(call, stale);
            };
        }
        return Reply.status(404, Map.of("success", false, "errors", "Not found: " + call.path(), "error_code", "not_found"));
    }

    private Reply login(HttpCall call) {
        String username = null;
        String password = null;
        try {
            JsonNode body = SiteSimulator.JSON.readTree(call.body());
            username = body.path("username").asString(null);
            password = body.path("password").asString(null);
        } catch (JacksonException e) {
            // falls through to the 401 below, as the real API does for a body it cannot read
        }
        if (!credentials.vrmUsername().equals(username) || !credentials.vrmPassword().equals(password)) {
            return Reply.status(401, Map.of("success", false, "errors", "Invalid username or password",
                    "error_code", "invalid_credentials"));
        }
        String token = "sim-" + UUID.randomUUID();
        tokens.add(token);
        return Reply.ok(Map.of("token", token, "idUser", credentials.vrmUserId()));
    }

    private boolean authorized(String header) {
        if (header == null) {
            return false;
        }
        if (header.startsWith("Bearer ")) {
            return tokens.contains(header.substring(7).trim());
        }
        return header.startsWith("Token ") && header.substring(6).trim().equals(credentials.vrmAccessToken());
    }

    private Map<String, Object> installation() {
        Scenario scenario = model.scenario();
        Map<String, Object> site = new LinkedHashMap<>();
        site.put("idSite", credentials.vrmSiteId());
        site.put("accessLevel", 1);
        site.put("owner", true);
        site.put("name", scenario.name());
        site.put("identifier", "c0ffee" + Long.toHexString(credentials.vrmSiteId()));
        site.put("idUser", credentials.vrmUserId());
        site.put("pvMax", (long) scenario.site().pvPeakW());
        site.put("timezone", scenario.timezone().getId());
        site.put("device_icon", "solar");
        return site;
    }

    private Reply batterySummary(HttpCall call, boolean stale) {
        Instant now = model.now();
        // The GX device logs to VRM once a minute; a stale answer is staleAge older.
        long secondsAgo = now.getEpochSecond() % 60;
        SiteState state = model.state();
        if (stale) {
            Duration age = model.faults().current().vrm().staleAge();
            state = model.stateAt(now.minus(age));
            secondsAgo += age.toSeconds();
        }
        Map<String, Object> data = new LinkedHashMap<>();
        Faults.Window silent = Faults.Quirks.covering(model.faults().current().quirks().vrmNoData(),
                Duration.between(model.scenario().start(), now));
        if (silent != null) {
            // the monitor has logged nothing since the window began: VRM answers with its age only
            secondsAgo = Duration.between(model.scenario().start().plus(silent.start()), now).toSeconds() + 60;
        }
        if (silent != null || !String.valueOf(credentials.vrmBatteryInstance()).equals(call.param("instance"))) {
            data.put("hasOldData", true);
            data.put("secondsAgo", Map.of("value", Long.toString(secondsAgo)));
            return Reply.ok(Map.of("success", true, "records", Map.of("data", data, "meta", Map.of(),
                    "attributeOrder", List.of())));
        }
        data.put("47", attribute(47, "V", state.batteryVoltage(), "%.2f V", secondsAgo));
        data.put("49", attribute(49, "I", state.batteryCurrentA(), "%.1f A", secondsAgo));
        data.put("50", attribute(50, "CE", consumedAh(state), "%.1f Ah", secondsAgo));
        data.put("51", attribute(51, "SOC", state.socPercent(), "%.1f %%", secondsAgo));
        data.put("52", timeToGo(state, secondsAgo));
        Map<String, Object> temperature = attribute(115, "BT", state.batteryTemperatureC(), "%.1f °C", secondsAgo);
        // VRM sends valueFloat as a string or null; the temperature goes without, so parsers fall back to value
        temperature.put("valueFloat", null);
        data.put("115", temperature);
        data.put("hasOldData", stale);
        data.put("secondsAgo", Map.of("value", Long.toString(secondsAgo)));
        Map<String, Object> meta = new LinkedHashMap<>();
        for (String id : List.of("47", "49", "50", "51", "52", "115")) {
            Map<?, ?> attribute = (Map<?, ?>) data.get(id);
            meta.put(id, Map.of("code", attribute.get("code"), "description", attribute.get("code")));
        }
        return Reply.ok(Map.of("success", true, "records", Map.of("data", data, "meta", meta,
                "attributeOrder", List.of("51", "47", "49", "50", "52", "115"))));
    }

    /** Hours left at the present discharge, as VRM shows it; empty while charging. */
    private Map<String, Object> timeToGo(SiteState state, long secondsAgo) {
        Scenario.Battery battery = model.scenario().site().battery();
        double hours = state.batteryW() < 0
                ? state.socPercent() / 100 * battery.capacityKwh() * 1000 / -state.batteryW() : 0;
        Map<String, Object> attribute = attribute(52, "TTG", hours, "%.1f h", secondsAgo);
        if (state.batteryW() >= 0) {
            attribute.put("value", "");
            attribute.put("valueFloat", null);
            attribute.put("formattedValue", "");
        }
        return attribute;
    }

    private double consumedAh(SiteState state) {
        Scenario.Battery battery = model.scenario().site().battery();
        return -(100 - state.socPercent()) / 100 * battery.capacityKwh() * 1000 / battery.nominalVoltage();
    }

    private static Map<String, Object> attribute(int id, String code, double value, String format, long secondsAgo) {
        Map<String, Object> attribute = new LinkedHashMap<>();
        double rounded = Math.round(value * 100) / 100.0;
        attribute.put("code", code);
        attribute.put("idDataAttribute", id);
        // real answers carry numbers as strings: "value":"63.4", "valueFloat":"63.4", "secondsAgo":"41"
        attribute.put("value", Double.toString(rounded));
        attribute.put("valueFloat", Double.toString(rounded));
        attribute.put("formattedValue", String.format(Locale.ROOT, format, value));
        attribute.put("secondsAgo", Long.toString(secondsAgo));
        return attribute;
    }

    private Reply diagnostics(boolean stale) {
        Instant now = model.now();
        SiteState state = stale ? model.stateAt(now.minus(model.faults().current().vrm().staleAge())) : model.state();
        long timestamp = stale ? state.time().getEpochSecond() : now.getEpochSecond() - now.getEpochSecond() % 60;
        List<Map<String, Object>> records = new ArrayList<>();
        int id = 1;
        for (var code : CODES.entrySet()) {
            double value = code.getValue().applyAsDouble(state);
            Map<String, Object> record = new LinkedHashMap<>();
            record.put("idSite", credentials.vrmSiteId());
            record.put("timestamp", timestamp);
            record.put("Device", "Battery Monitor");
            record.put("instance", credentials.vrmBatteryInstance());
            record.put("dbusServiceType", "battery");
            record.put("idDataAttribute", id++);
            record.put("code", code.getKey());
            record.put("rawValue", value);
            record.put("formattedValue", String.format(Locale.ROOT, "%.2f", value));
            records.add(record);
        }
        // another device of the installation, so that finding the battery monitor means looking for it
        Map<String, Object> charger = new LinkedHashMap<>();
        charger.put("idSite", credentials.vrmSiteId());
        charger.put("timestamp", timestamp);
        charger.put("Device", "Solar Charger");
        charger.put("instance", SOLAR_CHARGER_INSTANCE);
        charger.put("dbusServiceType", "solarcharger");
        charger.put("idDataAttribute", id);
        charger.put("code", "ScW");
        charger.put("rawValue", state.pvW());
        charger.put("formattedValue", String.format(Locale.ROOT, "%.0f W", state.pvW()));
        records.add(0, charger);
        return Reply.ok(Map.of("success", true, "records", records));
    }

    /** Bucket averages of the model's history; {@code start}/{@code end} are unix seconds, points are [ms, value]. */
    private Reply stats(HttpCall call) {
        long bucket = switch (call.param("interval") == null ? "hours" : call.param("interval")) {
            case "15mins" -> 900;
            case "hours" -> 3600;
            case "2hours" -> 7200;
            case "days" -> 86400;
            default -> -1;
        };
        if (bucket < 0) {
            return Reply.status(400, Map.of("success", false, "errors", "interval must be 15mins, hours, 2hours or days",
                    "error_code", "invalid_parameter"));
        }
        long end;
        long start;
        try {
            end = call.param("end") == null ? model.now().getEpochSecond() : Long.parseLong(call.param("end"));
            start = call.param("start") == null ? end - 86400 : Long.parseLong(call.param("start"));
        } catch (NumberFormatException e) {
            return Reply.status(400, Map.of("success", false, "errors", "start and end must be unix seconds",
                    "error_code", "invalid_parameter"));
        }
        List<String> codes = call.params("attributeCodes[]").isEmpty() ? List.of("bs") : call.params("attributeCodes[]");
        List<SiteState> states = model.history(Instant.ofEpochSecond(start), Instant.ofEpochSecond(end));
        Map<String, Object> records = new LinkedHashMap<>();
        Map<String, Object> totals = new LinkedHashMap<>();
        for (String code : codes) {
            ToDoubleFunction<SiteState> value = CODES.get(code);
            List<List<Number>> points = new ArrayList<>();
            if (value != null) {
                Map<Long, double[]> sums = new TreeMap<>();
                for (SiteState state : states) {
                    long slot = Math.floorDiv(state.time().getEpochSecond(), bucket) * bucket;
                    double[] sum = sums.computeIfAbsent(slot, s -> new double[2]);
                    sum[0] += value.applyAsDouble(state);
                    sum[1]++;
                }
                double all = 0;
                for (var entry : sums.entrySet()) {
                    double average = entry.getValue()[0] / entry.getValue()[1];
                    all += average;
                    points.add(List.of(entry.getKey() * 1000, Math.round(average * 100) / 100.0));
                }
                totals.put(code, sums.isEmpty() ? null : Math.round(all / sums.size() * 100) / 100.0);
            }
            records.put(code, points);
        }
        return Reply.ok(Map.of("success", true, "records", records, "totals", totals));
    }
}
