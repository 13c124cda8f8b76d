package io.commandcenter.timeseries;

import java.time.Clock;
import java.time.Duration;

import io.commandcenter.validation.InvalidParam;
import io.commandcenter.validation.InvalidParams;
import io.commandcenter.validation.Limits;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.device.UnknownDevice;
import io.commandcenter.timeseries.TimeseriesQueries.BatteryPoint;
import io.commandcenter.timeseries.TimeseriesQueries.DataGap;
import io.commandcenter.timeseries.TimeseriesQueries.DevicePoint;
import io.commandcenter.timeseries.TimeseriesQueries.History;
import io.commandcenter.timeseries.TimeseriesQueries.SolarPoint;
import org.springframework.format.datetime.standard.DurationFormatterUtils;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Current values and histories as JSON under {@code /api/v1}; the short paths are deprecated aliases (docs/web.md).
 * Windows default to the last 24 hours; {@code from}/{@code to} accept an ISO instant
 * ({@code 2026-05-01T12:00:00Z}), a date-time with offset, or a date (midnight UTC).
 */
@RestController
class TimeseriesController {

    private static final Duration DEFAULT_WINDOW = Duration.ofHours(24);
    private static final Duration DEFAULT_GAP = Duration.ofMinutes(10);

    private final TimeseriesQueries queries;
    private final DeviceRegistry devices;
    private final Clock clock;

    TimeseriesController(TimeseriesQueries queries, DeviceRegistry devices, Clock clock) {
        this.queries = queries;
        this.devices = devices;
        this.clock = clock;
    }

    /** A relay's latest state as the dashboard shows it; values null when unknown. */
    record DeviceNow(String device, Instant at, boolean online, Boolean on, Double watts, Double voltage,
                     Double current, Double energyTotalWh) {
        static DeviceNow of(DevicePowerReading r) {
            return new DeviceNow(r.device(), r.at(), r.online(), r.on(), r.power(), r.voltage(), r.current(),
                    r.energyTotalWh());
        }
    }

    @GetMapping({"/victron/battery/current", "/api/v1/victron/battery/current"})
    BatteryReading batteryNow() {
        return queries.latestBattery().orElseThrow(() -> noReading("battery"));
    }

    @GetMapping({"/victron/battery/history", "/api/v1/victron/battery/history"})
    History<BatteryPoint> batteryHistory(@RequestParam(required = false) String from,
                                         @RequestParam(required = false) String to,
                                         @RequestParam(required = false) String resolution) {
        Window w = window(from, to);
        return queries.batteryHistory(w.from, w.to, raw(resolution, w));
    }

    /** Every known relay: registry devices without a reading yet appear with nulls and offline. */
    @GetMapping({"/shelly/power/current", "/api/v1/shelly/power/current"})
    List<DeviceNow> devicesNow() {
        List<DevicePowerReading> latest = queries.latestPerDevice();
        if (latest.isEmpty()) {
            throw noReading("relay");
        }
        Map<String, DeviceNow> byName = new TreeMap<>();
        for (Device d : devices.findAll()) {
            byName.put(d.name(), new DeviceNow(d.name(), null, false, null, null, null, null, null));
        }
        latest.forEach(r -> byName.put(r.device(), DeviceNow.of(r)));
        return new ArrayList<>(byName.values());
    }

    @GetMapping({"/shelly/device/{name}/history", "/api/v1/shelly/device/{name}/history"})
    History<DevicePoint> deviceHistory(@PathVariable String name,
                                       @RequestParam(required = false) String from,
                                       @RequestParam(required = false) String to,
                                       @RequestParam(required = false) String resolution) {
        if (devices.findByName(name).isEmpty()) {
            throw new UnknownDevice(name, "No device named '" + name + "'").with("device", name);
        }
        Window w = window(from, to);
        return queries.deviceHistory(name, w.from, w.to, raw(resolution, w));
    }

    @GetMapping({"/solark/current", "/api/v1/solark/current"})
    SolarReading solarNow() {
        return queries.latestSolar().orElseThrow(() -> noReading("inverter"));
    }

    @GetMapping({"/solark/history", "/api/v1/solark/history"})
    History<SolarPoint> solarHistory(@RequestParam(required = false) String from,
                                     @RequestParam(required = false) String to,
                                     @RequestParam(required = false) String resolution) {
        Window w = window(from, to);
        return queries.solarHistory(w.from, w.to, raw(resolution, w));
    }

    /** Gaps longer than {@code minGap} (ISO-8601 duration or e.g. "10m"; default 10 minutes). */
    @GetMapping({"/timeseries/gaps", "/api/v1/timeseries/gaps"})
    List<DataGap> gaps(@RequestParam(required = false) String source,
                       @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to,
                       @RequestParam(required = false) String minGap) {
        Window w = window(from, to);
        Duration threshold = minGap == null ? DEFAULT_GAP : duration(minGap);
        List<ReadingSource> sources = source == null || source.isBlank() ? List.of(ReadingSource.values()) : List.of(ReadingSource.parse(source));
        List<DataGap> gaps = new ArrayList<>();
        sources.forEach(s -> gaps.addAll(queries.gaps(s, w.from, w.to, threshold)));
        return gaps;
    }

    private record Window(Instant from, Instant to) {
    }

    /** Raw readings are kept 72 hours: a raw window may not be longer. */
    private static Resolution raw(String resolution, Window w) {
        Resolution r;
        try {
            r = Resolution.parseOrNull(resolution);
        } catch (QueryRejected e) {
            throw e.with(InvalidParams.PROPERTY, List.of(new InvalidParam("resolution", "must be raw, hour or day")));
        }
        if (r == Resolution.RAW && Duration.between(w.from, w.to).compareTo(Limits.RAW_RETENTION) > 0) {
            throw new InvalidParams().add("resolution", "raw readings span at most "
                    + Limits.RAW_RETENTION.toHours() + " hours; use hour or day").problem("bad-window", "Raw window too long");
        }
        return r;
    }

    private Window window(String from, String to) {
        Instant end = to == null || to.isBlank() ? clock.instant() : instant("to", to);
        Instant start = from == null || from.isBlank() ? end.minus(DEFAULT_WINDOW) : instant("from", from);
        if (start.isAfter(end)) {
            throw new QueryRejected("bad-window", "from (" + start + ") is after to (" + end + ")")
                    .with("from", start.toString()).with("to", end.toString())
                    .with(InvalidParams.PROPERTY, List.of(new InvalidParam("from", "must not be after 'to'")));
        }
        if (Duration.between(start, end).compareTo(Limits.CHART_MAX) > 0) {
            throw new InvalidParams().add("from", "the window may span at most " + Limits.CHART_MAX.toDays() + " days")
                    .problem("bad-window", "The window is too long");
        }
        return new Window(start, end);
    }

    private static Instant instant(String name, String value) {
        List<Function<String, Instant>> formats = List.of(Instant::parse,
                v -> OffsetDateTime.parse(v).toInstant(),
                v -> LocalDate.parse(v).atStartOfDay(ZoneOffset.UTC).toInstant());
        for (Function<String, Instant> format : formats) {
            try {
                return format.apply(value.trim());
            } catch (DateTimeParseException ignored) {
                // try the next format
            }
        }
        throw new QueryRejected("bad-time",
                "Cannot read " + name + ": use e.g. 2026-05-01T12:00:00Z or 2026-05-01").with(name, value)
                .with(InvalidParams.PROPERTY, List.of(new InvalidParam(name, "not a time: use e.g. 2026-05-01T12:00:00Z")));
    }

    private static Duration duration(String value) {
        try {
            return value.startsWith("P") || value.startsWith("p")
                    ? Duration.parse(value)
                    : DurationFormatterUtils.detectAndParse(value);
        } catch (RuntimeException e) {
            throw new QueryRejected("bad-duration", "Cannot read minGap='" + value + "': use e.g. 10m or PT10M");
        }
    }

    private static NoReading noReading(String what) {
        return new NoReading(what);
    }
}
