package io.commandcenter.sitemodel;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;

import io.commandcenter.device.DeviceType;

/**
 * A simulated site and its story: the plant, the weather day by day, the switched loads and the faults.
 * Load one with {@link #load(Path)}, {@link #parse(String, String)} or {@link #resolve(String)}; the format is
 * documented in {@code docs/simulator.md}.
 *
 * @param start    simulated time at the beginning
 * @param timezone the site's zone: the sun curve and the daily load profile follow its local clock
 * @param duration how long the story is meant to run (the model keeps running after it, cycling the weather)
 * @param step     integration step of the model
 * @param weather  daily weather factors cycled over the days (1.0 clear, 0.2 overcast)
 * @param readings what the monitoring reports and how badly (sparse battery readings, a stuck sensor, a
 *                 jumping clock); applied where readings are made from the model (test mode's closed loop)
 * @param emergencyStops windows in which a person holds the emergency stop
 */
public record Scenario(String name, String description, long seed, Instant start, ZoneId timezone, Duration duration,
                       Duration step, Site site, List<Double> weather, List<DeviceSpec> devices, Faults faults,
                       Readings readings, List<StopWindow> emergencyStops) {

    public Scenario {
        weather = List.copyOf(weather);
        devices = List.copyOf(devices);
        readings = readings == null ? Readings.EVERY_STEP : readings;
        emergencyStops = emergencyStops == null ? List.of() : List.copyOf(emergencyStops);
    }

    public static Scenario load(Path file) {
        return ScenarioLoader.load(file);
    }

    /** Parses YAML or JSON text; {@code source} names it in error messages. */
    public static Scenario parse(String source, String text) {
        return ScenarioLoader.parse(source, text);
    }

    /** A filesystem path if the file exists, otherwise a classpath resource (also tried under {@code scenarios/}). */
    public static Scenario resolve(String location) {
        return ScenarioLoader.resolve(location);
    }

    public Instant end() {
        return start.plus(duration);
    }

    public Scenario withFaults(Faults newFaults) {
        return new Scenario(name, description, seed, start, timezone, duration, step, site, weather, devices, newFaults,
                readings, emergencyStops);
    }

    /**
     * The same story from another start: the weather list, the loads and every fault window (offsets from the
     * start) stay; the sun follows the season of the new dates.
     */
    public Scenario withStart(Instant newStart) {
        return new Scenario(name, description, seed, newStart, timezone, duration, step, site, weather, devices, faults,
                readings, emergencyStops);
    }

    public Scenario withReadings(Readings newReadings) {
        return new Scenario(name, description, seed, start, timezone, duration, step, site, weather, devices, faults,
                newReadings, emergencyStops);
    }

    /**
     * What the monitoring reports.
     *
     * @param batteryEvery the battery level is reported this often (null = every step), as a gateway that logs
     *                     every 15 minutes while the model steps every 2
     * @param stuckSoc     windows in which the charge sensor repeats one value
     * @param clockJumps   moments at which the readings' timestamps jump forward (and stay ahead)
     */
    public record Readings(Duration batteryEvery, List<StuckSoc> stuckSoc, List<ClockJump> clockJumps) {

        public static final Readings EVERY_STEP = new Readings(null, List.of(), List.of());

        public Readings {
            if (batteryEvery != null && (batteryEvery.isNegative() || batteryEvery.isZero()
                    || batteryEvery.compareTo(Duration.ofHours(6)) > 0)) {
                throw new IllegalArgumentException("batteryEvery must be a positive duration of at most PT6H (was "
                        + batteryEvery + ")");
            }
            stuckSoc = stuckSoc == null ? List.of() : List.copyOf(stuckSoc);
            clockJumps = clockJumps == null ? List.of() : List.copyOf(clockJumps);
        }

        /** The stuck-sensor window at {@code sinceStart}, if any. */
        public StuckSoc stuckAt(Duration sinceStart) {
            for (StuckSoc s : stuckSoc) {
                if (covers(s.start(), s.duration(), sinceStart)) {
                    return s;
                }
            }
            return null;
        }

        /** How far ahead the readings' clock is at {@code sinceStart}: the sum of the jumps so far. */
        public Duration clockAheadAt(Duration sinceStart) {
            Duration ahead = Duration.ZERO;
            for (ClockJump j : clockJumps) {
                if (sinceStart.compareTo(j.at()) >= 0) {
                    ahead = ahead.plus(j.by());
                }
            }
            return ahead;
        }
    }

    /**
     * The charge sensor repeats one value from {@code start} (offset from the scenario start) for {@code duration}.
     *
     * @param value the value it repeats, %; null = the charge when it got stuck
     */
    public record StuckSoc(Duration start, Duration duration, Double value) {

        public StuckSoc {
            requireWindow(start, duration);
            if (value != null) {
                requirePercent("value", value);
            }
        }
    }

    /** At {@code at} (offset from the scenario start) the readings' timestamps jump {@code by} into the future. */
    public record ClockJump(Duration at, Duration by) {

        public ClockJump {
            if (at == null || at.isNegative()) {
                throw new IllegalArgumentException("at must be a duration from the scenario start such as PT20H (was "
                        + at + ")");
            }
            if (by == null || by.isNegative() || by.isZero() || by.compareTo(Duration.ofDays(2)) > 0) {
                throw new IllegalArgumentException("by must be a positive duration of at most P2D such as PT1H (was "
                        + by + ")");
            }
        }
    }

    /** A person holds the emergency stop from {@code start} (offset from the scenario start) for {@code duration}. */
    public record StopWindow(Duration start, Duration duration) {

        public StopWindow {
            requireWindow(start, duration);
        }

        public boolean covers(Duration sinceStart) {
            return Scenario.covers(start, duration, sinceStart);
        }
    }

    static boolean covers(Duration start, Duration duration, Duration sinceStart) {
        return sinceStart.compareTo(start) >= 0 && sinceStart.compareTo(start.plus(duration)) < 0;
    }

    private static void requireWindow(Duration start, Duration duration) {
        if (start == null || start.isNegative()) {
            throw new IllegalArgumentException("start must be a duration from the scenario start such as PT13H (was "
                    + start + ")");
        }
        if (duration == null || duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException("duration must be a positive duration such as PT1H (was " + duration + ")");
        }
    }

    /**
     * The plant. Give either {@code latitude} (day length and sun height follow the season) or
     * {@code dayLengthHours} (fixed).
     *
     * @param baseLoadProfile optional 24 hourly multipliers of {@code baseLoadW} (local time, hour 0 first)
     */
    public record Site(Double latitude, Double dayLengthHours, double pvPeakW, double baseLoadW,
                       List<Double> baseLoadProfile, Battery battery, Grid grid) {

        public Site {
            if (latitude == null && dayLengthHours == null) {
                throw new IllegalArgumentException("give latitude or dayLengthHours");
            }
            if (latitude != null && (latitude < -66 || latitude > 66)) {
                throw new IllegalArgumentException("latitude must be between -66 and 66 (was " + latitude + ")");
            }
            if (dayLengthHours != null && (dayLengthHours <= 0 || dayLengthHours >= 24)) {
                throw new IllegalArgumentException("dayLengthHours must be between 0 and 24 (was " + dayLengthHours + ")");
            }
            requireAtLeast("pvPeakW", pvPeakW, 0);
            requireAtLeast("baseLoadW", baseLoadW, 0);
            if (baseLoadProfile != null) {
                if (baseLoadProfile.size() != 24) {
                    throw new IllegalArgumentException("baseLoadProfile must have 24 hourly factors (has "
                            + baseLoadProfile.size() + ")");
                }
                if (baseLoadProfile.stream().anyMatch(f -> f == null || f < 0)) {
                    throw new IllegalArgumentException("baseLoadProfile factors must be 0 or more");
                }
                baseLoadProfile = List.copyOf(baseLoadProfile);
            }
            if (battery == null) {
                throw new IllegalArgumentException("battery is missing");
            }
            if (grid == null) {
                grid = new Grid(false, 0);
            }
        }
    }

    /**
     * @param initialSoc state of charge at the start, %
     * @param cutoffSoc  the inverter stops discharging here, % (default 0)
     */
    public record Battery(double capacityKwh, double nominalVoltage, double maxChargeW, double maxDischargeW,
                          double initialSoc, double cutoffSoc) {

        public Battery {
            requirePositive("capacityKwh", capacityKwh);
            requirePositive("nominalVoltage", nominalVoltage);
            requirePositive("maxChargeW", maxChargeW);
            requirePositive("maxDischargeW", maxDischargeW);
            requirePercent("initialSoc", initialSoc);
            requirePercent("cutoffSoc", cutoffSoc);
        }
    }

    /** @param maxImportW most the grid connection can deliver, W (0 = unlimited when connected) */
    public record Grid(boolean connected, double maxImportW) {

        public Grid {
            requireAtLeast("maxImportW", maxImportW, 0);
        }
    }

    /**
     * A load switched by a Shelly relay.
     *
     * @param duty optional: while the relay is on the load runs only {@code runFor} out of every {@code every}
     *             (a well pump filling a tank)
     * @param essential optional: the owner marked it essential, so the battery floor never sheds it
     * @param generation optional Shelly generation 1, 2 or 3 (default 2): Gen1 answers {@code relays}/{@code meters}
     *                   with energy in watt-minutes, Gen2 and Gen3 {@code switch:N}
     */
    public record DeviceSpec(String name, String cloudId, int channel, DeviceType type, double ratedPowerW,
                             boolean initiallyOn, Duty duty, boolean essential, Integer generation) {

        public DeviceSpec {
            if (generation == null) {
                generation = 2;
            }
            if (generation < 1 || generation > 3) {
                throw new IllegalArgumentException("generation must be 1, 2 or 3 (was " + generation + ")");
            }
            if (name == null || !name.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
                throw new IllegalArgumentException("name must be lower-case words joined by dashes such as miner-1 (was "
                        + name + ")");
            }
            if (cloudId == null || !cloudId.matches("[0-9a-f]{6,16}")) {
                throw new IllegalArgumentException("cloudId must be 6 to 16 lower-case hex digits such as b48a0a1c2d3e (was "
                        + cloudId + ")");
            }
            if (channel < 0 || channel > 3) {
                throw new IllegalArgumentException("channel must be 0 to 3 (was " + channel + ")");
            }
            if (type == null) {
                throw new IllegalArgumentException("type is missing (MINER, PUMP, HEATER, LIGHTING or OTHER)");
            }
            requireAtLeast("ratedPowerW", ratedPowerW, 0);
        }
    }

    public record Duty(Duration runFor, Duration every) {

        public Duty {
            if (runFor == null || every == null || runFor.isNegative() || every.isNegative() || every.isZero()
                    || runFor.compareTo(every) > 0) {
                throw new IllegalArgumentException("duty needs runFor and every, 0 < runFor <= every (was runFor="
                        + runFor + ", every=" + every + ")");
            }
        }

        boolean running(Duration sinceStart) {
            return sinceStart.toMillis() % every.toMillis() < runFor.toMillis();
        }
    }

    private static void requirePositive(String field, double value) {
        if (!(value > 0)) {
            throw new IllegalArgumentException(field + " must be greater than 0 (was " + value + ")");
        }
    }

    private static void requireAtLeast(String field, double value, double min) {
        if (!(value >= min)) {
            throw new IllegalArgumentException(field + " must be " + min + " or more (was " + value + ")");
        }
    }

    private static void requirePercent(String field, double value) {
        if (!(value >= 0 && value <= 100)) {
            throw new IllegalArgumentException(field + " must be between 0 and 100 (was " + value + ")");
        }
    }
}
