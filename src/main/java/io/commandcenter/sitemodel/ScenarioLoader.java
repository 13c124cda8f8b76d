package io.commandcenter.sitemodel;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.dataformat.yaml.YAMLMapper;

/** Reads scenario files (YAML, or JSON which is YAML too) and turns every problem into a {@link ScenarioException}. */
final class ScenarioLoader {

    private static final YAMLMapper YAML = YAMLMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            // omitted numbers default to 0 (cutoffSoc, maxImportW); required ones then fail their own range check
            .disable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    /** The file as written; {@code start} is text so both instants and local date-times are accepted. */
    record ScenarioFile(String name, String description, Long seed, String start, String timezone, Duration duration,
                        Duration step, Scenario.Site site, List<Double> weather, List<Scenario.DeviceSpec> devices,
                        Faults faults, Scenario.Readings readings, List<Scenario.StopWindow> emergencyStops) {
    }

    private ScenarioLoader() {
    }

    static Scenario load(Path file) {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScenarioException(file + ": cannot read the scenario file (" + e.getMessage() + ")", e);
        }
        return parse(file.toString(), text);
    }

    static Scenario resolve(String location) {
        Path path = Path.of(location);
        if (Files.isRegularFile(path)) {
            return load(path);
        }
        String fileName = path.getFileName() == null ? location : path.getFileName().toString();
        for (String resource : List.of(location.replaceFirst("^classpath:", "").replaceFirst("^/", ""),
                "scenarios/" + fileName)) {
            try (InputStream in = ScenarioLoader.class.getClassLoader().getResourceAsStream(resource)) {
                if (in != null) {
                    return parse("classpath:" + resource, new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            } catch (IOException e) {
                throw new ScenarioException("classpath:" + resource + ": cannot read the scenario (" + e.getMessage() + ")", e);
            }
        }
        throw new ScenarioException(location + ": no such scenario file, neither on disk nor on the classpath");
    }

    static Scenario parse(String source, String text) {
        ScenarioFile file;
        try {
            file = YAML.readValue(text, ScenarioFile.class);
        } catch (JacksonException e) {
            throw new ScenarioException(source + ": " + describe(e), e);
        }
        if (file == null) {
            throw new ScenarioException(source + ": the file is empty");
        }
        return validate(source, file);
    }

    private static Scenario validate(String source, ScenarioFile file) {
        require(source, file.name() != null && !file.name().isBlank(), "name", "is missing");
        require(source, file.start() != null, "start", "is missing (an instant such as 2025-06-16T06:00:00Z, "
                + "or a local date-time such as 2025-06-16T00:00 with timezone)");
        require(source, file.duration() != null && !file.duration().isNegative() && !file.duration().isZero(),
                "duration", "must be a positive duration such as P7D (was " + file.duration() + ")");
        Duration step = file.step() == null ? Duration.ofMinutes(2) : file.step();
        require(source, !step.isNegative() && !step.isZero() && step.compareTo(Duration.ofHours(1)) <= 0,
                "step", "must be a positive duration of at most PT1H (was " + step + ")");
        require(source, file.site() != null, "site", "is missing");
        ZoneId zone = zone(source, file.timezone());
        Instant start = start(source, file.start(), zone);
        List<Double> weather = file.weather() == null ? List.of(1.0) : file.weather();
        require(source, !weather.isEmpty(), "weather", "must list at least one daily factor");
        for (int i = 0; i < weather.size(); i++) {
            Double factor = weather.get(i);
            require(source, factor != null && factor >= 0 && factor <= 1.5, "weather[" + i + "]",
                    "must be between 0 and 1.5 (1.0 clear, 0.2 overcast; was " + factor + ")");
        }
        List<Scenario.DeviceSpec> devices = file.devices() == null ? List.of() : file.devices();
        Set<String> names = new HashSet<>();
        Set<String> relays = new HashSet<>();
        for (int i = 0; i < devices.size(); i++) {
            Scenario.DeviceSpec device = devices.get(i);
            require(source, device != null, "devices[" + i + "]", "is empty");
            require(source, names.add(device.name()), "devices[" + i + "].name", "'" + device.name() + "' is used twice");
            require(source, relays.add(device.cloudId() + "/" + device.channel()), "devices[" + i + "]",
                    "cloudId " + device.cloudId() + " channel " + device.channel() + " is used twice");
        }
        Faults faults = file.faults() == null ? Faults.none() : file.faults();
        for (int i = 0; i < faults.offline().size(); i++) {
            String device = faults.offline().get(i).device();
            require(source, devices.stream().anyMatch(d -> d.name().equals(device) || d.cloudId().equals(device)),
                    "faults.offline[" + i + "].device", "'" + device + "' is not a device of this scenario");
        }
        for (int i = 0; i < faults.ignoreCommands().size(); i++) {
            String device = faults.ignoreCommands().get(i).device();
            require(source, devices.stream().anyMatch(d -> d.name().equals(device) || d.cloudId().equals(device)),
                    "faults.ignoreCommands[" + i + "].device", "'" + device + "' is not a device of this scenario");
        }
        Scenario.Readings readings = file.readings() == null ? Scenario.Readings.EVERY_STEP : file.readings();
        require(source, readings.batteryEvery() == null || readings.batteryEvery().compareTo(step) >= 0,
                "readings.batteryEvery", "must be at least the step " + step + " (was " + readings.batteryEvery() + ")");
        List<Scenario.StopWindow> stops = file.emergencyStops() == null ? List.of() : file.emergencyStops();
        for (int i = 0; i < stops.size(); i++) {
            require(source, stops.get(i) != null, "emergencyStops[" + i + "]", "is empty");
        }
        return new Scenario(file.name(), file.description() == null ? "" : file.description(),
                file.seed() == null ? 1 : file.seed(), start, zone, file.duration(), step, file.site(), weather, devices,
                faults, readings, stops);
    }

    private static ZoneId zone(String source, String timezone) {
        if (timezone == null) {
            return ZoneOffset.UTC;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException e) {
            throw new ScenarioException(source + ": timezone: '" + timezone + "' is not a time zone such as America/Denver");
        }
    }

    private static Instant start(String source, String start, ZoneId zone) {
        try {
            return OffsetDateTime.parse(start).toInstant();
        } catch (DateTimeException notOffset) {
            try {
                return LocalDateTime.parse(start).atZone(zone).toInstant();
            } catch (DateTimeException e) {
                throw new ScenarioException(source + ": start: '" + start + "' is neither an instant such as "
                        + "2025-06-16T06:00:00Z nor a local date-time such as 2025-06-16T00:00");
            }
        }
    }

    private static void require(String source, boolean ok, String field, String problem) {
        if (!ok) {
            throw new ScenarioException(source + ": " + field + ": " + problem);
        }
    }

    /** "site.battery.capacityKwh: must be greater than 0" rather than Jackson's class names. */
    private static String describe(JacksonException e) {
        List<JacksonException.Reference> refs = e.getPath();
        if (e instanceof UnrecognizedPropertyException unknown) {
            return path(refs.subList(0, refs.size() - 1)) + "unknown field '" + unknown.getPropertyName()
                    + "'; known fields: " + String.join(", ", unknown.getKnownPropertyIds().stream().map(String::valueOf).toList());
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String problem = root instanceof IllegalArgumentException ? root.getMessage() : e.getOriginalMessage();
        return path(refs) + problem;
    }

    private static String path(List<JacksonException.Reference> refs) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference ref : refs) {
            if (ref.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(ref.getPropertyName());
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : path + ": ";
    }
}
