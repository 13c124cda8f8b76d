package io.commandcenter.timeseries;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Read access to stored readings for the web pages, the chat agents and health checks.
 * Histories choose their table by resolution; with none given, by span (see {@link Resolution#auto}).
 * Aggregate buckets are UTC hours and days; a bucket is included when it starts in
 * {@code [from truncated to the bucket, to)}. Raw readings are included when {@code from <= at < to}.
 */
public class TimeseriesQueries {

    private final TimeseriesRepository repository;
    private final Clock clock;
    private final TimeseriesProperties properties;

    TimeseriesQueries(TimeseriesRepository repository, Clock clock, TimeseriesProperties properties) {
        this.repository = repository;
        this.clock = clock;
        this.properties = properties;
    }

    /** min/avg/max over a bucket; for a raw reading all three are the reading's value. */
    public record Stats(Double min, Double avg, Double max) {
        public static Stats of(double value) {
            return new Stats(value, value, value);
        }
    }

    /** A battery reading (samples = 1) or an hourly/daily bucket. Energy only for buckets, Wh. */
    public record BatteryPoint(Instant at, int samples, Stats soc, Stats voltage, Stats power,
                               Double chargeWh, Double dischargeWh) {
    }

    /** Energy through the inverter in a bucket, Wh. */
    public record SolarEnergy(Double pvWh, Double loadWh, Double importWh, Double exportWh,
                              Double chargeWh, Double dischargeWh) {
    }

    /** An inverter reading (samples = 1, energy null) or an hourly/daily bucket. Powers in W. */
    public record SolarPoint(Instant at, int samples, Stats pv, Stats load, Stats grid, Stats battery, Stats soc,
                             SolarEnergy energy) {
    }

    /**
     * A relay reading (samples = 1, with online/on) or an hourly/daily bucket (online/on null,
     * energyWh set). Power and voltage are null when unknown (device offline).
     */
    public record DevicePoint(Instant at, int samples, Boolean online, Boolean on, Stats power, Stats voltage,
                              Double energyWh) {
    }

    /** A history: which table answered, the window asked for, and the points in time order. */
    public record History<P>(Resolution resolution, Instant from, Instant to, List<P> points) {
    }

    /** Energy used by one device in a window (Wh, null when unknown) and its highest power (W) and when. */
    public record DeviceEnergy(String device, Double energyWh, Double peakW, Instant peakAt) {
    }

    /**
     * A span without readings longer than the asked threshold.
     *
     * @param series the site or device the gap belongs to
     */
    public record DataGap(ReadingSource source, String series, Instant from, Instant to, long seconds) {
        static DataGap of(ReadingSource source, String series, Instant from, Instant to) {
            return new DataGap(source, series, from, to, Duration.between(from, to).toSeconds());
        }
    }

    // --- battery ---

    public Optional<BatteryReading> latestBattery() {
        return repository.latestBattery();
    }

    public History<BatteryPoint> batteryHistory(Instant from, Instant to, Resolution resolution) {
        Resolution r = resolve(from, to, resolution);
        List<BatteryPoint> points = switch (r) {
            case RAW -> repository.batteryRaw(from, to);
            case HOUR -> repository.batteryAggregates("victron.battery_hourly", floor(from, r), to);
            case DAY -> repository.batteryAggregates("victron.battery_daily", floor(from, r), to);
        };
        return new History<>(r, from, to, points);
    }

    // --- solar ---

    public Optional<SolarReading> latestSolar() {
        return repository.latestSolar();
    }

    public History<SolarPoint> solarHistory(Instant from, Instant to, Resolution resolution) {
        Resolution r = resolve(from, to, resolution);
        List<SolarPoint> points = switch (r) {
            case RAW -> repository.solarRaw(from, to);
            case HOUR -> repository.solarAggregates("solark.flow_hourly", floor(from, r), to);
            case DAY -> repository.solarAggregates("solark.flow_daily", floor(from, r), to);
        };
        return new History<>(r, from, to, points);
    }

    // --- devices ---

    /** The latest stored reading of every device that has one, by device name. */
    public List<DevicePowerReading> latestPerDevice() {
        return repository.latestPerDevice();
    }

    public Optional<DevicePowerReading> latestDevice(String device) {
        return repository.latestDevice(device);
    }

    public History<DevicePoint> deviceHistory(String device, Instant from, Instant to, Resolution resolution) {
        Resolution r = resolve(from, to, resolution);
        List<DevicePoint> points = switch (r) {
            case RAW -> repository.deviceRaw(device, from, to);
            case HOUR -> repository.deviceAggregates("shelly.power_hourly", device, floor(from, r), to);
            case DAY -> repository.deviceAggregates("shelly.power_daily", device, floor(from, r), to);
        };
        return new History<>(r, from, to, points);
    }

    /**
     * Energy (Wh) and peak power per device in {@code [from, to)}. The part of the window still
     * covered by raw readings is integrated exactly (trapezoid, clipped to the window); older parts
     * use whole hourly buckets, and beyond hourly retention whole daily buckets — there a peak's
     * time is the start of its bucket.
     */
    public List<DeviceEnergy> energyPerDevice(Instant from, Instant to) {
        requireOrdered(from, to);
        Instant now = clock.instant();
        Instant rawFrom = max(from, ceil(now.minus(properties.rawRetention()), ChronoUnit.HOURS));
        List<List<DeviceEnergy>> parts = new ArrayList<>();
        if (rawFrom.isBefore(to)) {
            parts.add(repository.deviceEnergyRaw(rawFrom, to, properties.energyMaxGap()));
        }
        Instant hourFrom = max(from.truncatedTo(ChronoUnit.HOURS),
                ceil(now.minus(properties.hourlyRetention()), ChronoUnit.DAYS));
        Instant hourTo = min(rawFrom, to);
        if (from.isBefore(rawFrom) && hourFrom.isBefore(hourTo)) {
            parts.add(repository.deviceEnergyAggregates("shelly.power_hourly", hourFrom, hourTo));
        }
        Instant dayTo = min(hourFrom, to);
        if (from.isBefore(hourFrom) && from.truncatedTo(ChronoUnit.DAYS).isBefore(dayTo)) {
            parts.add(repository.deviceEnergyAggregates("shelly.power_daily", from.truncatedTo(ChronoUnit.DAYS), dayTo));
        }
        Map<String, DeviceEnergy> byDevice = new TreeMap<>();
        parts.forEach(part -> part.forEach(e -> byDevice.merge(e.device(), e, TimeseriesQueries::combine)));
        return List.copyOf(byDevice.values());
    }

    // --- gaps ---

    /**
     * Spans of more than {@code threshold} without a reading, per site or device, within
     * {@code [from, to)} ({@code to} is capped at now). The window's edges count as readings, so a
     * series that stopped reporting shows a gap reaching {@code to}; a source with no reading at all
     * in the window is one gap over the whole window with a null series.
     */
    public List<DataGap> gaps(ReadingSource source, Instant from, Instant to, Duration threshold) {
        requireOrdered(from, to);
        Instant end = min(to, clock.instant());
        if (!from.isBefore(end)) {
            return List.of();
        }
        if (!repository.anyReading(source, from, end)) {
            return Duration.between(from, end).compareTo(threshold) > 0
                    ? List.of(DataGap.of(source, null, from, end)) : List.of();
        }
        return repository.gaps(source, from, end, threshold);
    }

    // --- helpers ---

    private static Resolution resolve(Instant from, Instant to, Resolution asked) {
        requireOrdered(from, to);
        return asked != null ? asked : Resolution.auto(Duration.between(from, to));
    }

    private static void requireOrdered(Instant from, Instant to) {
        if (from == null || to == null) {
            throw new IllegalArgumentException("from and to are required");
        }
        if (from.isAfter(to)) {
            throw new IllegalArgumentException("from (" + from + ") is after to (" + to + ")");
        }
    }

    private static Instant floor(Instant at, Resolution resolution) {
        return at.truncatedTo(resolution == Resolution.DAY ? ChronoUnit.DAYS : ChronoUnit.HOURS);
    }

    private static DeviceEnergy combine(DeviceEnergy a, DeviceEnergy b) {
        Double energy = a.energyWh() == null ? b.energyWh()
                : b.energyWh() == null ? a.energyWh() : a.energyWh() + b.energyWh();
        boolean bPeaks = a.peakW() == null || (b.peakW() != null && b.peakW() > a.peakW());
        return new DeviceEnergy(a.device(), energy, bPeaks ? b.peakW() : a.peakW(), bPeaks ? b.peakAt() : a.peakAt());
    }

    private static Instant ceil(Instant at, ChronoUnit unit) {
        Instant floor = at.truncatedTo(unit);
        return floor.equals(at) ? at : floor.plus(1, unit);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
