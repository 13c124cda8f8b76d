package io.commandcenter.testmode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.DoubleConsumer;

import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.EngineSession.ClockMode;
import io.commandcenter.engine.EngineSession;
import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.Source;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.engine.facts.SolarForecast;
import io.commandcenter.testmode.SimulationReport.DecisionDiff;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.PvForecast;
import io.commandcenter.timeseries.SolarReading;

/**
 * Open loop: a stored window of real readings goes, in time order, through two sessions under a
 * pseudo clock — the live rules with the live settings, and the candidate (another rule set and/or
 * overridden settings) — and every decision that differs is listed. The readings are what really
 * happened, so a candidate's action does not change the readings that follow: a miner the candidate
 * would have paused still reads as running.
 */
public final class Replay {

    private Replay() {
    }

    /** Which rules, settings and automation (schedules, workflows, modes) a side of the replay runs. */
    public record Side(RuleSet rules, SiteSettings settings, Automation automation) {

        public Side(RuleSet rules, SiteSettings settings) {
            this(rules, settings, Automation.NONE);
        }
    }

    public static RunResult run(RecordedReadings readings, Side live, Side candidate, int maxChartPoints,
                                DoubleConsumer progress) {
        long wallStart = System.nanoTime();
        List<Timed> timeline = timeline(readings);
        long batteryCount = readings.battery().size();
        RunRecorder recorder = new RunRecorder(candidate.settings(), new RuleNames(candidate.rules()), batteryCount,
                maxChartPoints, false);
        List<Decision> liveDecisions = new ArrayList<>();
        List<Decision> candidateDecisions = new ArrayList<>();
        List<SimulationReport.AutomationStep> liveSteps = new ArrayList<>();
        List<SimulationReport.AutomationStep> candidateSteps = new ArrayList<>();
        Instant start = readings.from();
        Map<String, DevicePowerReading> latestDevice = new TreeMap<>();
        Map<String, Double> deviceWh = new TreeMap<>();
        double[] energy = new double[4]; // pv, load, import, export in Wh
        SolarReading lastSolar = null;
        BatteryReading pendingBattery = null;
        try (EngineSession liveSession = EngineSession.start(live.rules(), ClockMode.PSEUDO, readings.zone(), start,
                live.settings(), 0);
             EngineSession candidateSession = EngineSession.start(candidate.rules(), ClockMode.PSEUDO, readings.zone(),
                     start, candidate.settings(), 0)) {
            DryRunAutomation liveAutomation = new DryRunAutomation(live.automation(), liveSession, readings.zone(),
                    live.settings(), liveSteps::add);
            DryRunAutomation candidateAutomation = new DryRunAutomation(candidate.automation(), candidateSession,
                    readings.zone(), candidate.settings(), candidateSteps::add);
            int i = 0;
            long progressEvery = Math.max(1, timeline.size() / 100);
            int forecast = 0;
            List<PvForecast> forecasts = readings.forecasts();
            while (i < timeline.size()) {
                Instant t = timeline.get(i).at();
                liveSession.advanceTo(t);
                candidateSession.advanceTo(t);
                // The forecasts as the live engine had them: each from its issue on.
                for (; forecast < forecasts.size() && !forecasts.get(forecast).issuedAt().isAfter(t); forecast++) {
                    PvForecast f = forecasts.get(forecast);
                    List<SolarForecast.Hour> hours = f.hours().stream().map(h -> new SolarForecast.Hour(
                            h.endsAt().toEpochMilli(), h.expectedPvW(), h.cloudCover(), h.temperature())).toList();
                    liveSession.useForecast(f.issuedAt().toEpochMilli(), hours);
                    candidateSession.useForecast(f.issuedAt().toEpochMilli(), hours);
                }
                // Energy since the previous moment, from the readings in force until now.
                if (pendingBattery != null || lastSolar != null) {
                    integrate(latestDevice, lastSolar, deviceWh, energy, Duration.between(previous(timeline, i), t));
                }
                for (; i < timeline.size() && timeline.get(i).at().equals(t); i++) {
                    Object r = timeline.get(i).reading();
                    if (r instanceof BatteryReading b) {
                        ReadingFeed.battery(liveSession, b);
                        ReadingFeed.battery(candidateSession, b);
                        if (pendingBattery != null) {
                            sample(recorder, pendingBattery, b.at(), lastSolar, latestDevice, readings.registry());
                        }
                        pendingBattery = b;
                        recorder.currentSoc(b.soc());
                    } else if (r instanceof SolarReading s) {
                        ReadingFeed.solar(liveSession, s);
                        ReadingFeed.solar(candidateSession, s);
                        lastSolar = s;
                    } else if (r instanceof DevicePowerReading d) {
                        ReadingFeed.device(liveSession, d, readings.registry());
                        ReadingFeed.device(candidateSession, d, readings.registry());
                        latestDevice.put(d.device(), d);
                    }
                    if (progress != null && (i + 1) % progressEvery == 0) {
                        progress.accept((double) (i + 1) / timeline.size());
                    }
                }
                List<Decision> liveNow = new ArrayList<>(liveSession.fire());
                liveNow.addAll(liveAutomation.after(liveNow));
                liveDecisions.addAll(liveNow);
                List<Decision> candidateNow = new ArrayList<>(candidateSession.fire());
                candidateNow.addAll(candidateAutomation.after(candidateNow));
                for (Decision d : candidateNow) {
                    candidateDecisions.add(d);
                    recorder.decision(d, d.allowed() ? "RECORDED" : null, false);
                }
            }
            if (pendingBattery != null) {
                if (!timeline.isEmpty()) {
                    integrate(latestDevice, lastSolar, deviceWh, energy,
                            Duration.between(timeline.get(timeline.size() - 1).at(), readings.to()));
                }
                sample(recorder, pendingBattery, readings.to(), lastSolar, latestDevice, readings.registry());
            }
        }
        Map<String, Double> perDevice = new TreeMap<>();
        deviceWh.forEach((k, v) -> perDevice.put(k, v / 1000));
        var totals = new RunRecorder.Energy(perDevice, energy[0] / 1000, energy[1] / 1000, energy[2] / 1000,
                energy[3] / 1000, 0, 0);
        SimulationReport report = recorder.report("replay", readings.site(), "Replay of stored readings "
                        + Numbers.time(readings.from()) + " to " + Numbers.time(readings.to()), 0,
                candidate.rules().contentHash(), readings.from(), readings.to(), timeline.size(), 0, totals,
                diff(liveDecisions, candidateDecisions)).withAutomation(alsoLive(liveSteps, candidateSteps));
        if (progress != null) {
            progress.accept(1.0);
        }
        return new RunResult(report, Duration.between(readings.from(), readings.to()),
                Duration.ofNanos(System.nanoTime() - wallStart));
    }

    /** The candidate's automation steps, each marked when the live side took the same one at the same time. */
    private static List<SimulationReport.AutomationStep> alsoLive(List<SimulationReport.AutomationStep> live,
                                                                  List<SimulationReport.AutomationStep> candidate) {
        java.util.Set<SimulationReport.AutomationStep> liveSet = new java.util.HashSet<>(live);
        return candidate.stream().map(s -> new SimulationReport.AutomationStep(s.at(), s.by(), s.what(), s.detail(),
                liveSet.contains(s))).toList();
    }

    private record Timed(Instant at, int order, Object reading) {
    }

    /** All readings in time order; at equal times battery, then inverter, then relays (as the engine batches them). */
    private static List<Timed> timeline(RecordedReadings r) {
        List<Timed> all = new ArrayList<>();
        r.battery().stream().filter(b -> inWindow(r, b.at())).forEach(b -> all.add(new Timed(b.at(), 0, b)));
        r.solar().stream().filter(s -> inWindow(r, s.at())).forEach(s -> all.add(new Timed(s.at(), 1, s)));
        r.devices().stream().filter(d -> inWindow(r, d.at())).forEach(d -> all.add(new Timed(d.at(), 2, d)));
        all.sort(Comparator.comparing(Timed::at).thenComparingInt(Timed::order));
        return all;
    }

    private static boolean inWindow(RecordedReadings r, Instant at) {
        return !at.isBefore(r.from()) && at.isBefore(r.to());
    }

    private static Instant previous(List<Timed> timeline, int i) {
        return i == 0 ? timeline.get(0).at() : timeline.get(i - 1).at();
    }

    private static void integrate(Map<String, DevicePowerReading> devices, SolarReading solar,
                                  Map<String, Double> deviceWh, double[] energy, Duration dt) {
        double hours = dt.toMillis() / 3_600_000.0;
        if (hours <= 0) {
            return;
        }
        for (DevicePowerReading d : devices.values()) {
            deviceWh.merge(d.device(), d.power() == null ? 0 : d.power() * hours, Double::sum);
        }
        if (solar != null) {
            energy[0] += solar.pvPower() * hours;
            energy[1] += solar.loadPower() * hours;
            energy[2] += Math.max(0, solar.gridPower()) * hours;
            energy[3] += Math.max(0, -solar.gridPower()) * hours;
        }
    }

    private static void sample(RunRecorder recorder, BatteryReading b, Instant until, SolarReading solar,
                               Map<String, DevicePowerReading> devices, Map<String, Device> registry) {
        List<RunRecorder.DeviceSample> samples = new ArrayList<>();
        for (DevicePowerReading d : devices.values()) {
            Device info = registry.get(d.device());
            samples.add(new RunRecorder.DeviceSample(d.device(), info == null ? DeviceType.OTHER : info.type(),
                    Boolean.TRUE.equals(d.on()), d.power() == null ? 0 : d.power(), info != null && info.essential()));
        }
        recorder.sample(b.at(), b.soc(), solar == null ? 0 : solar.pvPower(), solar == null ? 0 : solar.loadPower(),
                solar == null ? 0 : solar.gridPower(), samples, Duration.between(b.at(), until).toMillis() / 3_600_000.0);
    }

    private record Key(Instant at, String device, boolean on, Source source) {
    }

    /** Decisions matched by time, device, requested state and source; unmatched or changed ones are listed. */
    static List<DecisionDiff> diff(List<Decision> live, List<Decision> candidate) {
        Map<Key, List<Decision>> liveByKey = group(live);
        Map<Key, List<Decision>> candidateByKey = group(candidate);
        TreeMap<String, Key> keys = new TreeMap<>();
        for (Key k : liveByKey.keySet()) {
            keys.put(sortKey(k), k);
        }
        for (Key k : candidateByKey.keySet()) {
            keys.put(sortKey(k), k);
        }
        List<DecisionDiff> diffs = new ArrayList<>();
        for (Key k : keys.values()) {
            List<Decision> l = liveByKey.getOrDefault(k, List.of());
            List<Decision> c = candidateByKey.getOrDefault(k, List.of());
            for (int i = 0; i < Math.max(l.size(), c.size()); i++) {
                Decision ld = i < l.size() ? l.get(i) : null;
                Decision cd = i < c.size() ? c.get(i) : null;
                String change = ld == null ? "ONLY_CANDIDATE" : cd == null ? "ONLY_LIVE"
                        : ld.outcome() != cd.outcome() ? "OUTCOME_CHANGED" : null;
                if (change != null) {
                    diffs.add(new DecisionDiff(Numbers.time(k.at()), k.device(), k.on(), change, describe(ld),
                            describe(cd), cd == null ? List.of() : List.copyOf(cd.reasons())));
                }
            }
        }
        return diffs;
    }

    private static Map<Key, List<Decision>> group(List<Decision> decisions) {
        Map<Key, List<Decision>> m = new HashMap<>();
        for (Decision d : decisions) {
            m.computeIfAbsent(new Key(d.decidedAt(), d.device(), d.on(), d.source()), k -> new ArrayList<>()).add(d);
        }
        return m;
    }

    private static String sortKey(Key k) {
        return Numbers.time(k.at()) + "|" + k.device() + "|" + k.on() + "|" + k.source();
    }

    private static String describe(Decision d) {
        return d == null ? "no action" : d.outcome().name() + " (" + d.source().name().toLowerCase() + ")";
    }
}
