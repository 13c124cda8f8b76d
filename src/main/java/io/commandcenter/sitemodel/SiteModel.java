package io.commandcenter.sitemodel;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.function.Predicate;

import io.commandcenter.sitemodel.Scenario.DeviceSpec;

/**
 * The physics of a simulated solar site: PV follows a seasonal sun curve times the day's weather factor with a
 * little seeded noise; the load is the base load plus the switched devices that draw power; the battery takes
 * the difference within its limits; the grid (when connected) takes the rest, otherwise surplus is curtailed and
 * deficit is unmet. Deterministic for a scenario (its seed) and a sequence of calls. Thread-safe.
 * <p>
 * {@link #state()} reports the flows at {@link #now()} from the present state of charge and relays, so switching
 * a relay changes the very next reading; {@link #step(Duration)} integrates energy over time.
 */
public final class SiteModel {

    /** About a month of 2-minute states (about 20 KB per simulated hour) for stats and stale answers; bounded so a long run stays small. */
    private static final int HISTORY_LIMIT = 50_000;
    private static final double AMBIENT_C = 22;
    private static final double DEVICE_VOLTAGE = 240;

    private final Scenario scenario;
    private final SimulatorFaults faults;
    private final LocalDate firstDay;

    private Instant now;
    private double socWh;
    private double batteryTemperatureC;
    private boolean[] relayOn;
    private double[] deviceEnergyWh;
    private double pvWh, loadWh, importWh, exportWh, chargeWh, dischargeWh, curtailedWh, unmetWh;
    private Random relayRandom;
    private List<SiteState> history;

    public SiteModel(Scenario scenario) {
        this.scenario = scenario;
        this.faults = new SimulatorFaults(scenario.faults());
        this.firstDay = scenario.start().atZone(scenario.timezone()).toLocalDate();
        reset();
    }

    /** Back to the scenario start: time, state of charge, relays, counters, history and the scenario's faults. */
    public synchronized void reset() {
        now = scenario.start();
        socWh = capacityWh() * scenario.site().battery().initialSoc() / 100;
        batteryTemperatureC = AMBIENT_C;
        List<DeviceSpec> devices = scenario.devices();
        relayOn = new boolean[devices.size()];
        for (int i = 0; i < relayOn.length; i++) {
            relayOn[i] = devices.get(i).initiallyOn();
        }
        deviceEnergyWh = new double[devices.size()];
        pvWh = loadWh = importWh = exportWh = chargeWh = dischargeWh = curtailedWh = unmetWh = 0;
        relayRandom = new Random(scenario.seed() ^ 0x5E1A7L);
        faults.set(scenario.faults());
        history = new ArrayList<>();
        history.add(snapshot());
    }

    public Scenario scenario() {
        return scenario;
    }

    /** The faults in force; the model applies the relay and offline ones, the HTTP server the rest. */
    public SimulatorFaults faults() {
        return faults;
    }

    public synchronized Instant now() {
        return now;
    }

    /** Advances simulated time by {@code duration}, integrating in steps of at most the scenario step. */
    public synchronized SiteState step(Duration duration) {
        return advanceTo(now.plus(duration));
    }

    /** Advances to {@code time} (nothing happens if it is not later than now). Steps end on step boundaries. */
    public synchronized SiteState advanceTo(Instant time) {
        long stepMillis = scenario.step().toMillis();
        while (now.isBefore(time)) {
            long sinceStart = Duration.between(scenario.start(), now).toMillis();
            Instant boundary = scenario.start().plusMillis((Math.floorDiv(sinceStart, stepMillis) + 1) * stepMillis);
            Instant next = boundary.isBefore(time) ? boundary : time;
            integrate(Duration.between(now, next));
            now = next;
            history.add(snapshot());
            // Trim in chunks of a tenth: trimming one state per step would shift the whole list every step.
            if (history.size() > HISTORY_LIMIT + HISTORY_LIMIT / 10) {
                history.subList(0, history.size() - HISTORY_LIMIT).clear();
            }
        }
        return snapshot();
    }

    public synchronized SiteState state() {
        return snapshot();
    }

    /** The recorded state at or just before {@code time}; the oldest kept state for earlier times. */
    public synchronized SiteState stateAt(Instant time) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (!history.get(i).time().isAfter(time)) {
                return history.get(i);
            }
        }
        return history.get(0);
    }

    /** The latest recorded state that passes {@code test}, if any (used for a device's last status before it went offline). */
    public synchronized Optional<SiteState> lastStateWhere(Predicate<SiteState> test) {
        for (int i = history.size() - 1; i >= 0; i--) {
            if (test.test(history.get(i))) {
                return Optional.of(history.get(i));
            }
        }
        return Optional.empty();
    }

    /** Recorded states with {@code from <= time <= to}, oldest first (one per model step). */
    public synchronized List<SiteState> history(Instant from, Instant to) {
        return history.stream().filter(s -> !s.time().isBefore(from) && !s.time().isAfter(to)).toList();
    }

    /** Switches the relay of the device named {@code device}. */
    public RelayOutcome setRelay(String device, boolean on) {
        return setRelay(device, -1, on);
    }

    /**
     * Switches a relay addressed by device name (channel ignored) or by Shelly cloud id and channel.
     * May answer {@link RelayOutcome#IGNORED} when the "command does not take" fault fires.
     */
    public synchronized RelayOutcome setRelay(String deviceOrCloudId, int channel, boolean on) {
        int index = indexOf(deviceOrCloudId, channel);
        if (index < 0) {
            return RelayOutcome.UNKNOWN_DEVICE;
        }
        if (!online(index, now)) {
            return RelayOutcome.DEVICE_OFFLINE;
        }
        if (ignoresCommands(index, now)) {
            return RelayOutcome.IGNORED;
        }
        double ignore = faults.current().relayIgnoreProbability();
        if (ignore > 0 && relayRandom.nextDouble() < ignore) {
            return RelayOutcome.IGNORED;
        }
        relayOn[index] = on;
        return RelayOutcome.SWITCHED;
    }

    /** Whether a device has this name, or this cloud id and channel (any channel when negative). */
    public boolean hasDevice(String deviceOrCloudId, int channel) {
        return indexOf(deviceOrCloudId, channel) >= 0;
    }

    /** Index of a device by name, or by cloud id and channel; -1 when there is none. */
    private synchronized int indexOf(String deviceOrCloudId, int channel) {
        List<DeviceSpec> devices = scenario.devices();
        for (int i = 0; i < devices.size(); i++) {
            if (devices.get(i).name().equals(deviceOrCloudId)) {
                return i;
            }
        }
        for (int i = 0; i < devices.size(); i++) {
            DeviceSpec d = devices.get(i);
            if (d.cloudId().equals(deviceOrCloudId) && (channel < 0 || d.channel() == channel)) {
                return i;
            }
        }
        return -1;
    }

    private double capacityWh() {
        return scenario.site().battery().capacityKwh() * 1000;
    }

    private void integrate(Duration duration) {
        double hours = duration.toMillis() / 3_600_000.0;
        Flows f = flows(now, hours);
        socWh = Math.max(0, Math.min(capacityWh(), socWh + f.batteryW * hours));
        pvWh += f.pvW * hours;
        loadWh += (f.loadW - f.unmetW) * hours;
        curtailedWh += f.curtailedW * hours;
        unmetWh += f.unmetW * hours;
        importWh += Math.max(0, f.gridW) * hours;
        exportWh += Math.max(0, -f.gridW) * hours;
        chargeWh += Math.max(0, f.batteryW) * hours;
        dischargeWh += Math.max(0, -f.batteryW) * hours;
        for (int i = 0; i < deviceEnergyWh.length; i++) {
            deviceEnergyWh[i] += f.devicePowerW[i] * hours;
        }
        // The pack warms with current and cools towards ambient with a time constant of about an hour.
        Scenario.Battery battery = scenario.site().battery();
        double target = AMBIENT_C + 8 * Math.abs(f.batteryW) / Math.max(battery.maxChargeW(), battery.maxDischargeW());
        batteryTemperatureC += (target - batteryTemperatureC) * (1 - Math.exp(-hours));
    }

    private record Flows(double pvW, double curtailedW, double loadW, double unmetW, double batteryW, double gridW,
                         double[] devicePowerW) {
    }

    /** Power flows at {@code time} from the present state; {@code hours} bounds what the battery can take or give. */
    private Flows flows(Instant time, double hours) {
        Scenario.Site site = scenario.site();
        Scenario.Battery battery = site.battery();
        long minute = time.getEpochSecond() / 60;
        double weather = weather(time);
        // Passing clouds: the cloudier the day, the more the output jumps from one 5-minute slot to the next.
        double cloudNoise = 1 + (0.03 + 0.35 * Math.max(0, 1 - weather)) * noise(1, time.getEpochSecond() / 300);
        double pvAvailable = site.pvPeakW() * sun(time) * weather * Math.max(0, cloudNoise);

        double[] devicePower = new double[relayOn.length];
        double load = baseLoad(time) * (1 + 0.05 * noise(2, minute));
        Duration sinceStart = Duration.between(scenario.start(), time);
        for (int i = 0; i < devicePower.length; i++) {
            DeviceSpec spec = scenario.devices().get(i);
            boolean powered = !powerCut(i, time);
            boolean running = spec.duty() == null || spec.duty().running(sinceStart);
            if (relayOn[i] && powered && running) {
                devicePower[i] = spec.ratedPowerW() * (1 + 0.015 * noise(10 + i, minute));
                load += devicePower[i];
            }
        }

        double net = pvAvailable - load;
        double batteryW = 0, gridW = 0, curtailed = 0, unmet = 0;
        double cutoffWh = capacityWh() * battery.cutoffSoc() / 100;
        if (net >= 0) {
            double room = (capacityWh() - socWh) / hours;
            batteryW = Math.min(net, Math.min(battery.maxChargeW(), Math.max(0, room)));
            double surplus = net - batteryW;
            if (site.grid().connected()) {
                gridW = -surplus;
            } else {
                curtailed = surplus;
            }
        } else {
            double deficit = -net;
            double available = Math.max(0, socWh - cutoffWh) / hours;
            double discharge = Math.min(deficit, Math.min(battery.maxDischargeW(), available));
            batteryW = -discharge;
            double rest = deficit - discharge;
            if (site.grid().connected()) {
                double maxImport = site.grid().maxImportW() == 0 ? Double.MAX_VALUE : site.grid().maxImportW();
                gridW = Math.min(rest, maxImport);
                rest -= gridW;
            }
            unmet = rest;
        }
        return new Flows(pvAvailable - curtailed, curtailed, load, unmet, batteryW, gridW, devicePower);
    }

    private SiteState snapshot() {
        Flows f = flows(now, scenario.step().toMillis() / 3_600_000.0);
        Scenario.Battery battery = scenario.site().battery();
        double soc = 100 * socWh / capacityWh();
        // Open-circuit voltage rises about 10 % from empty to full; internal resistance scales with the pack voltage.
        double openCircuit = battery.nominalVoltage() * (0.96 + 0.10 * soc / 100);
        double current = f.batteryW / openCircuit;
        double voltage = openCircuit + current * 0.01 * battery.nominalVoltage() / 48;
        long minute = now.getEpochSecond() / 60;
        List<SiteState.Device> devices = new ArrayList<>();
        for (int i = 0; i < relayOn.length; i++) {
            DeviceSpec spec = scenario.devices().get(i);
            double volts = DEVICE_VOLTAGE * (1 + 0.01 * noise(50 + i, minute));
            double power = f.devicePowerW[i];
            devices.add(new SiteState.Device(spec.name(), spec.cloudId(), spec.channel(), spec.type(), relayOn[i],
                    online(i, now), power, volts, power / volts, 30 + 20 * power / 3600, deviceEnergyWh[i]));
        }
        SiteState.Totals totals = new SiteState.Totals(pvWh / 1000, loadWh / 1000, importWh / 1000, exportWh / 1000,
                chargeWh / 1000, dischargeWh / 1000, curtailedWh / 1000, unmetWh / 1000);
        return new SiteState(now, soc, f.pvW, f.curtailedW, f.loadW, f.unmetW, f.batteryW, f.gridW, voltage, current,
                batteryTemperatureC, devices, totals);
    }

    /**
     * The sun factor at {@code time}, 0..1: the share of {@code pvPeakW} a clear day (weather 1.0) gives then, before
     * the passing-cloud noise. The simulated forecast's irradiance follows it.
     */
    public double sunAt(Instant time) {
        return sun(time);
    }

    /** The weather factor of {@code time}'s local day as the scenario lists it (1.0 clear, 0.2 overcast). */
    public double weatherAt(Instant time) {
        return weather(time);
    }

    /** Sun height factor 0..1: a sine over the daylight hours, lower at noon in winter. Solar noon is 12:00 local. */
    private double sun(Instant time) {
        ZonedDateTime local = time.atZone(scenario.timezone());
        double hour = local.getHour() + local.getMinute() / 60.0 + local.getSecond() / 3600.0;
        Scenario.Site site = scenario.site();
        double dayLength;
        double noonHeight = 1;
        if (site.latitude() != null) {
            double declination = Math.toRadians(23.44) * Math.sin(2 * Math.PI * (284 + local.getDayOfYear()) / 365);
            double latitude = Math.toRadians(site.latitude());
            double cosSunsetAngle = Math.max(-1, Math.min(1, -Math.tan(latitude) * Math.tan(declination)));
            dayLength = 2 * Math.toDegrees(Math.acos(cosSunsetAngle)) / 15;
            // Tilted panels soften the winter loss, hence the square root of the noon elevation's sine.
            noonHeight = Math.sqrt(Math.max(0, Math.sin(Math.PI / 2 - Math.abs(latitude - declination))));
        } else {
            dayLength = site.dayLengthHours();
        }
        double x = (hour - (12 - dayLength / 2)) / dayLength;
        return x <= 0 || x >= 1 ? 0 : noonHeight * Math.sin(Math.PI * x);
    }

    private double weather(Instant time) {
        long day = ChronoUnit.DAYS.between(firstDay, time.atZone(scenario.timezone()).toLocalDate());
        List<Double> factors = scenario.weather();
        return factors.get((int) Math.floorMod(day, (long) factors.size()));
    }

    private double baseLoad(Instant time) {
        List<Double> profile = scenario.site().baseLoadProfile();
        double factor = profile == null ? 1 : profile.get(time.atZone(scenario.timezone()).getHour());
        return scenario.site().baseLoadW() * factor;
    }

    private boolean online(int index, Instant time) {
        return windowAt(index, time) == null;
    }

    private boolean ignoresCommands(int index, Instant time) {
        DeviceSpec spec = scenario.devices().get(index);
        Duration sinceStart = Duration.between(scenario.start(), time);
        return faults.current().ignoreCommands().stream().anyMatch(w ->
                (w.device().equals(spec.name()) || w.device().equals(spec.cloudId())) && w.covers(sinceStart));
    }

    private boolean powerCut(int index, Instant time) {
        Faults.OfflineWindow window = windowAt(index, time);
        return window != null && window.powerCut();
    }

    private Faults.OfflineWindow windowAt(int index, Instant time) {
        DeviceSpec spec = scenario.devices().get(index);
        Duration sinceStart = Duration.between(scenario.start(), time);
        for (Faults.OfflineWindow window : faults.current().offline()) {
            if ((window.device().equals(spec.name()) || window.device().equals(spec.cloudId())) && window.covers(sinceStart)) {
                return window;
            }
        }
        return null;
    }

    /** Seeded noise in [-1, 1] that depends only on the seed, a channel (salt) and a time bucket. */
    private double noise(long salt, long bucket) {
        long z = scenario.seed() + salt * 0x9E3779B97F4A7C15L + bucket * 0xC2B2AE3D27D4EB4FL;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53 * 2 - 1;
    }
}
