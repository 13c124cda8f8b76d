package io.commandcenter.ingest.openmeteo;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.internal.Json;
import tools.jackson.databind.JsonNode;

/**
 * Open-Meteo's forecast answer: {@code hourly.time[]} (local times of the requested zone, here UTC, without a zone:
 * {@code "2026-12-02T13:00"}) and one array per variable, index by index. A value is the mean of the hour before
 * its time. The service writes {@code null} where it has no value; such an hour is left out, never read as zero.
 */
final class OpenMeteoPayloads {

    static final String IRRADIANCE = "global_tilted_irradiance";
    static final String CLOUD_COVER = "cloud_cover";
    static final String TEMPERATURE = "temperature_2m";

    private OpenMeteoPayloads() {
    }

    /** One forecast hour as the service sent it. */
    record Hourly(Instant endsAt, double irradiance, double cloudCover, double temperature) {
    }

    static List<Hourly> hourly(String body) {
        JsonNode root = Json.read(body);
        if (root.path("error").asBoolean(false)) {
            throw new CloudException(CloudException.Kind.REJECTED, "Open-Meteo: " + root.path("reason").asString(""));
        }
        JsonNode hourly = root.path("hourly");
        JsonNode times = hourly.path("time");
        if (!times.isArray()) {
            throw new CloudException(CloudException.Kind.BAD_PAYLOAD, "Open-Meteo: no hourly.time in the answer");
        }
        JsonNode irradiance = array(hourly, IRRADIANCE, times.size());
        JsonNode cloud = array(hourly, CLOUD_COVER, times.size());
        JsonNode temperature = array(hourly, TEMPERATURE, times.size());
        List<Hourly> hours = new ArrayList<>();
        for (int i = 0; i < times.size(); i++) {
            Double g = Json.number(irradiance.get(i));
            Double c = Json.number(cloud.get(i));
            Double t = Json.number(temperature.get(i));
            if (g == null || c == null || t == null) {
                continue; // the service has no value for this hour: unknown, not zero
            }
            hours.add(new Hourly(time(times.get(i)), g, c, t));
        }
        return hours;
    }

    private static JsonNode array(JsonNode hourly, String variable, int size) {
        JsonNode values = hourly.path(variable);
        if (!values.isArray() || values.size() != size) {
            throw new CloudException(CloudException.Kind.BAD_PAYLOAD, "Open-Meteo: hourly." + variable
                    + (values.isArray() ? " has " + values.size() + " values for " + size + " hours" : " is missing"));
        }
        return values;
    }

    private static Instant time(JsonNode node) {
        try {
            return LocalDateTime.parse(node.asString()).toInstant(ZoneOffset.UTC);
        } catch (DateTimeParseException e) {
            throw new CloudException(CloudException.Kind.BAD_PAYLOAD, "Open-Meteo: hourly.time '" + node.asString()
                    + "' is not a local date and time");
        }
    }
}
