package io.commandcenter.testmode;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.commandcenter.device.Device;
import io.commandcenter.sitemodel.Scenario.DeviceSpec;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.sitemodel.SiteModel;
import io.commandcenter.sitemodel.SiteState;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.SolarReading;

/**
 * Readings a site would have recorded with nobody switching anything: the scenario's model stepped
 * on its own, read once per step. Stands in for stored history in tests and demos of replay.
 */
public final class ScenarioReadings {

    private ScenarioReadings() {
    }

    public static RecordedReadings record(Scenario scenario, Duration span) {
        SiteModel model = new SiteModel(scenario);
        String site = scenario.name();
        List<BatteryReading> battery = new ArrayList<>();
        List<SolarReading> solar = new ArrayList<>();
        List<DevicePowerReading> devices = new ArrayList<>();
        Instant end = scenario.start().plus(span);
        for (Instant t = scenario.start(); t.isBefore(end); t = t.plus(scenario.step())) {
            SiteState s = model.advanceTo(t);
            battery.add(new BatteryReading(site, t, s.socPercent(), s.batteryVoltage(), s.batteryCurrentA(),
                    s.batteryTemperatureC()));
            solar.add(new SolarReading(site, t, s.pvW(), s.batteryW(), s.gridW(), s.loadW(), s.socPercent()));
            for (SiteState.Device d : s.devices()) {
                devices.add(d.online()
                        ? new DevicePowerReading(d.name(), t, true, d.on(), d.powerW(), d.voltage(), d.currentA(),
                                d.energyWh())
                        : new DevicePowerReading(d.name(), t, false, null, null, null, null, null));
            }
        }
        Map<String, Device> registry = new TreeMap<>();
        for (DeviceSpec d : scenario.devices()) {
            registry.put(d.name(), new Device(d.name(), d.cloudId(), d.channel(), d.type(), d.ratedPowerW(), true, null, d.essential()));
        }
        return new RecordedReadings(site, scenario.timezone(), scenario.start(), end, battery, solar, devices, registry);
    }
}
