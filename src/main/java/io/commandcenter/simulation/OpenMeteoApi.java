package io.commandcenter.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

import io.commandcenter.sitemodel.SiteModel;

/**
 * Open-Meteo's forecast API under {@code /open-meteo}: {@code GET /v1/forecast} with the real query parameters and
 * answer shape, keyless. The numbers come from the simulated site's own weather ({@link WeatherForecast}), issued
 * at the simulated hour, whatever coordinates are asked for. Only UTC/GMT time is served.
 */
final class OpenMeteoApi implements SimulatedApi {

    /** The hourly variables served, with their units as Open-Meteo names them. */
    private static final Map<String, String> UNITS = Map.of(
            "global_tilted_irradiance", "W/m²",
            "cloud_cover", "%",
            "temperature_2m", "°C");
    private static final DateTimeFormatter HOUR = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm");

    private final SiteModel model;
    private final WeatherForecast forecast;

    OpenMeteoApi(SiteModel model) {
        this.model = model;
        this.forecast = new WeatherForecast(model);
    }

    @Override
    public Object errorBody(int status, String message) {
        return refusal(message);
    }

    /** Open-Meteo limits by address; everything here comes from one. */
    @Override
    public String rateLimitKey(HttpCall call) {
        return "127.0.0.1";
    }

    /** @param stale the answer is an older model run: issued {@code openMeteo.staleAge} earlier */
    @Override
    public Reply handle(HttpCall call, boolean stale, boolean offline) {
        if (!call.path().equals("/v1/forecast") || !call.method().equals("GET")) {
            return Reply.status(404, refusal("Not Found"));
        }
        long started = System.nanoTime();
        Query query;
        try {
            query = Query.of(call);
        } catch (IllegalArgumentException e) {
            return Reply.status(400, refusal(e.getMessage()));
        }
        Instant now = model.now();
        Instant issued = stale ? now.minus(model.faults().current().openMeteo().staleAge()) : now;
        Instant first = LocalDate.ofInstant(now, ZoneOffset.UTC).atStartOfDay(ZoneOffset.UTC).toInstant();

        Map<String, Object> units = new LinkedHashMap<>();
        Map<String, Object> hourly = new LinkedHashMap<>();
        units.put("time", "iso8601");
        List<String> times = new ArrayList<>();
        for (int h = 0; h < query.days() * 24; h++) {
            times.add(HOUR.format(first.plus(Duration.ofHours(h)).atOffset(ZoneOffset.UTC)));
        }
        hourly.put("time", times);
        for (String variable : query.hourly()) {
            units.put(variable, UNITS.get(variable));
            List<Number> values = new ArrayList<>();
            for (int h = 0; h < query.days() * 24; h++) {
                Instant time = first.plus(Duration.ofHours(h));
                values.add(switch (variable) {
                    case "global_tilted_irradiance" -> oneDecimal(forecast.irradiance(issued, time));
                    case "cloud_cover" -> (int) Math.round(forecast.cloudCover(issued, time));
                    default -> oneDecimal(forecast.temperature(issued, time, query.latitude()));
                });
            }
            hourly.put(variable, values);
        }

        Map<String, Object> body = new LinkedHashMap<>();
        body.put("latitude", query.latitude());
        body.put("longitude", query.longitude());
        body.put("generationtime_ms", (System.nanoTime() - started) / 1e6);
        body.put("utc_offset_seconds", 0);
        body.put("timezone", query.timezone());
        body.put("timezone_abbreviation", query.timezone());
        // the simulated site has no terrain
        body.put("elevation", 0.0);
        if (!query.hourly().isEmpty()) {
            body.put("hourly_units", units);
            body.put("hourly", hourly);
        }
        return Reply.ok(body);
    }

    private static Map<String, Object> refusal(String reason) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", true);
        body.put("reason", reason);
        return body;
    }

    private static double oneDecimal(double value) {
        return Math.round(value * 10) / 10.0;
    }

    /**
     * A forecast request. Reasons for refusing one follow Open-Meteo's wording where it is known (coordinates,
     * variables, forecast days); the tilt, azimuth and time zone wordings are the simulator's.
     *
     * @param azimuth Open-Meteo's convention: 0 = south, -90 = east, 90 = west
     * @param timezone {@code GMT} or {@code UTC}
     */
    record Query(double latitude, double longitude, Set<String> hourly, double tilt, double azimuth, String timezone,
                 int days) {

        private static final Pattern DECIMAL = Pattern.compile("[-+]?(\\d+\\.?\\d*|\\.\\d+)");

        static Query of(HttpCall call) {
            double latitude = decimal(call, "latitude", null);
            double longitude = decimal(call, "longitude", null);
            if (latitude < -90 || latitude > 90) {
                throw new IllegalArgumentException("Latitude must be in range of -90 to 90°. Given: " + latitude + ".");
            }
            if (longitude < -180 || longitude > 180) {
                throw new IllegalArgumentException("Longitude must be in range of -180 to 180°. Given: " + longitude + ".");
            }
            // hourly=a,b and hourly=a&hourly=b both work, as on the real API
            Set<String> hourly = new LinkedHashSet<>();
            for (String list : call.params("hourly")) {
                for (String variable : list.split(",")) {
                    if (variable.isEmpty()) {
                        continue;
                    }
                    if (!UNITS.containsKey(variable)) {
                        throw new IllegalArgumentException("Cannot initialize ForecastSurfaceVariable from invalid String value "
                                + variable + " for key hourly");
                    }
                    hourly.add(variable);
                }
            }
            double tilt = decimal(call, "tilt", 0.0);
            if (tilt < 0 || tilt > 90) {
                throw new IllegalArgumentException("Tilt must be in range of 0 to 90°. Given: " + tilt + ".");
            }
            double azimuth = decimal(call, "azimuth", 0.0);
            if (azimuth < -180 || azimuth > 180) {
                throw new IllegalArgumentException("Azimuth must be in range of -180 to 180° (0 = south, -90 = east, "
                        + "90 = west). Given: " + azimuth + ".");
            }
            String timezone = call.param("timezone") == null ? "GMT" : call.param("timezone").toUpperCase(Locale.ROOT);
            if (!timezone.equals("GMT") && !timezone.equals("UTC")) {
                throw new IllegalArgumentException("The simulator serves timezone=UTC or GMT only. Given: "
                        + call.param("timezone") + ".");
            }
            int days;
            try {
                days = call.param("forecast_days") == null ? 7 : Integer.parseInt(call.param("forecast_days"));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("Value of type 'Int' required for key 'forecast_days'.");
            }
            if (days < 1 || days > 16) {
                throw new IllegalArgumentException("Forecast days is invalid. Allowed range 1 to 16. Given " + days + ".");
            }
            return new Query(latitude, longitude, hourly, tilt, azimuth, timezone, days);
        }

        private static double decimal(HttpCall call, String name, Double fallback) {
            String text = call.param(name);
            if (text == null && fallback != null) {
                return fallback;
            }
            if (text != null && DECIMAL.matcher(text).matches()) {
                return Double.parseDouble(text);
            }
            throw new IllegalArgumentException("Value of type 'Float' required for key '" + name + "'.");
        }
    }
}
