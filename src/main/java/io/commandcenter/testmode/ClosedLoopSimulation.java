package io.commandcenter.testmode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.commandcenter.engine.Decision;
import io.commandcenter.engine.EngineSession.ClockMode;
import io.commandcenter.engine.EngineSession;
import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.Source;
import io.commandcenter.engine.facts.BatteryLevel;
import io.commandcenter.engine.facts.DevicePower;
import io.commandcenter.engine.facts.EmergencyStop;
import io.commandcenter.engine.facts.PowerFlow;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.sitemodel.Scenario.DeviceSpec;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.sitemodel.SiteModel;
import io.commandcenter.sitemodel.SiteState;

/**
 * Closed loop: the production rules decide on the simulated site's readings and their allowed
 * automation actions switch the simulated relays, so a paused miner lowers the load and changes the
 * charge that follows. The engine session runs under a pseudo clock stepped with the model, so a
 * week of 2-minute steps takes seconds. Nothing outside the model is touched.
 */
public final class ClosedLoopSimulation {

    private ClosedLoopSimulation() {
    }

    public static RunResult run(Scenario scenario, RuleSet rules, SiteSettings settings, SimulationOptions options) {
        return run(scenario, rules, settings, options, Automation.NONE);
    }

    /** As {@link #run(Scenario, RuleSet, SiteSettings, SimulationOptions)}, with the owner's schedules and workflows. */
    public static RunResult run(Scenario scenario, RuleSet rules, SiteSettings settings, SimulationOptions options,
                                Automation automation) {
        long wallStart = System.nanoTime();
        Duration span = options.duration() == null ? scenario.duration() : options.duration();
        Instant start = scenario.start();
        Instant end = start.plus(span);
        long stepMillis = scenario.step().toMillis();
        long steps = (span.toMillis() + stepMillis - 1) / stepMillis;
        double stepHours = stepMillis / 3_600_000.0;
        String site = scenario.name();
        SiteModel model = new SiteModel(scenario);
        RunRecorder recorder = new RunRecorder(settings, new RuleNames(rules), steps, options.maxChartPoints());
        Monitoring monitoring = new Monitoring(scenario);
        long progressEvery = Math.max(1, steps / 100);
        boolean stopActive = false;
        // The dry run knows the simulated battery: the floor projects with its capacity unless the
        // owner's settings name one.
        SiteSettings used = settings.batteryCapacityWh() > 0 ? settings
                : settings.withBatteryCapacity(scenario.site().battery().capacityKwh() * 1000);
        try (EngineSession session = EngineSession.start(rules, ClockMode.PSEUDO, scenario.timezone(), start, used,
                0)) {
            DryRunAutomation automated = new DryRunAutomation(automation, session, scenario.timezone(), used,
                    recorder::automation);
            for (long i = 0; i < steps; i++) {
                Duration sinceStart = Duration.ofMillis(i * stepMillis);
                Instant t = start.plus(sinceStart);
                SiteState state = i == 0 ? model.state() : model.advanceTo(t);
                boolean stop = options.emergencyStopAt(sinceStart)
                        || scenario.emergencyStops().stream().anyMatch(w -> w.covers(sinceStart));
                List<Decision> decisions;
                Double reportedSoc;
                List<RunRecorder.DeviceSample> devices;
                try {
                    if (stop != stopActive) {
                        session.setEmergencyStop(stop ? new EmergencyStop(true, "test mode", "emergency stop held",
                                t.toEpochMilli()) : EmergencyStop.released());
                        stopActive = stop;
                    }
                    session.advanceTo(t);
                    reportedSoc = monitoring.battery(sinceStart, state.socPercent());
                    devices = feed(session, site, monitoring.readingTime(t, sinceStart), state, scenario, reportedSoc);
                    decisions = new ArrayList<>(session.fire());
                    decisions.addAll(automated.after(decisions));
                } catch (RuntimeException e) {
                    throw RuleSetFailure.of(e, t, "in scenario '" + scenario.name() + "'");
                }
                recorder.currentSoc(state.socPercent());
                session.drainAlarmChange().ifPresent(change -> recorder.alarm(t, change));
                for (Decision d : decisions) {
                    String relay = null;
                    if (d.allowed() && d.source() != Source.MANUAL) {
                        relay = model.setRelay(d.device(), d.on()).name();
                    }
                    recorder.decision(d, relay, stopActive);
                }
                // Judged after the rules acted on this reading: a load shed at this very step was not left on.
                SiteState after = decisions.isEmpty() ? state : model.state();
                if (after != state) {
                    devices = samples(after, scenario);
                }
                // The chart shows the solar available (produced + curtailed): what the panels could give.
                recorder.sample(t, after.socPercent(), after.pvW() + after.curtailedW(), after.loadW(),
                        after.gridW(), devices, Math.min(stepHours, (end.toEpochMilli() - t.toEpochMilli()) / 3_600_000.0));
                if (options.progress() != null && (i + 1) % progressEvery == 0) {
                    options.progress().accept((double) (i + 1) / steps);
                }
            }
        }
        SiteState last = model.advanceTo(end);
        Map<String, Double> perDevice = new TreeMap<>();
        for (SiteState.Device d : last.devices()) {
            perDevice.put(d.name(), d.energyWh() / 1000);
        }
        SiteState.Totals totals = last.totals();
        var energy = new RunRecorder.Energy(perDevice, totals.pvKwh(), totals.loadKwh(), totals.gridImportKwh(),
                totals.gridExportKwh(), totals.curtailedKwh(), totals.unmetKwh());
        SimulationReport report = recorder.report("simulation", scenario.name(), scenario.description(),
                scenario.seed(), rules.contentHash(), start, end, steps, stepMillis / 1000, energy, null);
        if (options.progress() != null) {
            options.progress().accept(1.0);
        }
        return new RunResult(report, span, Duration.ofNanos(System.nanoTime() - wallStart));
    }

    /**
     * The readings a poll of this state would bring: battery (when one was reported this step), inverter flows and
     * every relay, stamped with the site's clock.
     */
    private static List<RunRecorder.DeviceSample> feed(EngineSession session, String site, long at, SiteState state,
                                                       Scenario scenario, Double reportedSoc) {
        if (reportedSoc != null) {
            session.insertBattery(new BatteryLevel(site, at, reportedSoc));
        }
        session.insertPower(new PowerFlow(site, at, state.pvW(), state.loadW(), state.gridW()));
        List<DeviceSpec> specs = scenario.devices();
        for (int i = 0; i < specs.size(); i++) {
            DeviceSpec spec = specs.get(i);
            SiteState.Device d = state.devices().get(i);
            DevicePower reading = d.online() ? new DevicePower(d.name(), at, true, d.on(), d.powerW())
                    : new DevicePower(d.name(), at, false, null, null);
            session.insertDevice(reading, spec.type(), spec.ratedPowerW(), spec.essential());
        }
        return samples(state, scenario);
    }

    private static List<RunRecorder.DeviceSample> samples(SiteState state, Scenario scenario) {
        List<RunRecorder.DeviceSample> samples = new ArrayList<>(state.devices().size());
        List<DeviceSpec> specs = scenario.devices();
        for (int i = 0; i < specs.size(); i++) {
            DeviceSpec spec = specs.get(i);
            SiteState.Device d = state.devices().get(i);
            samples.add(new RunRecorder.DeviceSample(d.name(), spec.type(), d.on(), d.powerW(), spec.essential()));
        }
        return samples;
    }

    /** What the site's monitoring reports of the model: the scenario's {@code readings} section. */
    private static final class Monitoring {

        private final Scenario.Readings readings;
        private final Map<Scenario.StuckSoc, Double> stuckAt = new HashMap<>();

        Monitoring(Scenario scenario) {
            this.readings = scenario.readings();
        }

        /** The charge reported at this step, or null when the gateway logs less often than the model steps. */
        Double battery(Duration sinceStart, double soc) {
            Duration every = readings.batteryEvery();
            if (every != null && sinceStart.toMillis() % every.toMillis() != 0) {
                return null;
            }
            Scenario.StuckSoc stuck = readings.stuckAt(sinceStart);
            if (stuck == null) {
                return soc;
            }
            return stuck.value() != null ? stuck.value() : stuckAt.computeIfAbsent(stuck, s -> soc);
        }

        /** A jumped clock stamps readings ahead of the true time; the engine's own clock is not affected. */
        long readingTime(Instant t, Duration sinceStart) {
            return t.plus(readings.clockAheadAt(sinceStart)).toEpochMilli();
        }
    }
}
