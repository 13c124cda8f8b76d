package io.commandcenter.testmode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
import io.commandcenter.simulation.Scenario.DeviceSpec;
import io.commandcenter.simulation.Scenario;
import io.commandcenter.simulation.SiteModel;
import io.commandcenter.simulation.SiteState;

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
        long progressEvery = Math.max(1, steps / 100);
        boolean stopActive = false;
        // The dry run knows the simulated battery: the floor projects with its capacity unless the
        // owner's settings name one.
        SiteSettings used = settings.batteryCapacityWh() > 0 ? settings
                : settings.withBatteryCapacity(scenario.site().battery().capacityKwh() * 1000);
        try (EngineSession session = EngineSession.start(rules, ClockMode.PSEUDO, scenario.timezone(), start, used,
                0)) {
            for (long i = 0; i < steps; i++) {
                Instant t = start.plusMillis(i * stepMillis);
                SiteState state = i == 0 ? model.state() : model.advanceTo(t);
                boolean stop = options.emergencyStopAt(Duration.ofMillis(i * stepMillis));
                if (stop != stopActive) {
                    session.setEmergencyStop(stop ? new EmergencyStop(true, "test mode", "emergency stop drill",
                            t.toEpochMilli()) : EmergencyStop.released());
                    stopActive = stop;
                }
                session.advanceTo(t);
                List<RunRecorder.DeviceSample> devices = feed(session, site, t.toEpochMilli(), state, scenario);
                List<Decision> decisions = session.fire();
                // The chart shows the solar available (produced + curtailed): what the panels could give.
                recorder.sample(t, state.socPercent(), state.pvW() + state.curtailedW(), state.loadW(), state.gridW(),
                        devices,
                        Math.min(stepHours, (end.toEpochMilli() - t.toEpochMilli()) / 3_600_000.0));
                for (Decision d : decisions) {
                    String relay = null;
                    if (d.allowed() && d.source() != Source.MANUAL) {
                        relay = model.setRelay(d.device(), d.on()).name();
                    }
                    recorder.decision(d, relay, stopActive);
                }
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

    /** The readings a poll of this state would bring: battery, inverter flows and every relay. */
    private static List<RunRecorder.DeviceSample> feed(EngineSession session, String site, long at, SiteState state,
                                                       Scenario scenario) {
        session.insertBattery(new BatteryLevel(site, at, state.socPercent()));
        session.insertPower(new PowerFlow(site, at, state.pvW(), state.loadW(), state.gridW()));
        List<RunRecorder.DeviceSample> samples = new ArrayList<>(state.devices().size());
        List<DeviceSpec> specs = scenario.devices();
        for (int i = 0; i < specs.size(); i++) {
            DeviceSpec spec = specs.get(i);
            SiteState.Device d = state.devices().get(i);
            DevicePower reading = d.online() ? new DevicePower(d.name(), at, true, d.on(), d.powerW())
                    : new DevicePower(d.name(), at, false, null, null);
            session.insertDevice(reading, spec.type(), spec.ratedPowerW(), spec.essential());
            samples.add(new RunRecorder.DeviceSample(d.name(), spec.type(), d.on(), d.powerW()));
        }
        return samples;
    }
}
