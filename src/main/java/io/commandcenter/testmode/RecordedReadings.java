package io.commandcenter.testmode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import io.commandcenter.device.Device;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.PvForecast;
import io.commandcenter.timeseries.SolarReading;

/**
 * A window of stored readings to replay, with the registry entries of the devices (type and rated
 * power, as the engine gets them in production) and the solar forecasts issued meanwhile (and the one in force at
 * the start).
 */
public record RecordedReadings(String site, ZoneId zone, Instant from, Instant to, List<BatteryReading> battery,
                               List<SolarReading> solar, List<DevicePowerReading> devices,
                               Map<String, Device> registry, List<PvForecast> forecasts) {

    /** Readings without solar forecasts (scenarios, tests). */
    public RecordedReadings(String site, ZoneId zone, Instant from, Instant to, List<BatteryReading> battery,
                            List<SolarReading> solar, List<DevicePowerReading> devices, Map<String, Device> registry) {
        this(site, zone, from, to, battery, solar, devices, registry, List.of());
    }

    public RecordedReadings {
        forecasts = List.copyOf(forecasts);
        battery = List.copyOf(battery);
        solar = List.copyOf(solar);
        devices = List.copyOf(devices);
        registry = Map.copyOf(registry);
    }

    public boolean isEmpty() {
        return battery.isEmpty() && solar.isEmpty() && devices.isEmpty();
    }
}
