package io.commandcenter.testmode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.timeseries.PvForecast;
import io.commandcenter.timeseries.PvForecasts;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.Resolution;
import io.commandcenter.timeseries.SolarReading;
import io.commandcenter.timeseries.TimeseriesQueries.BatteryPoint;
import io.commandcenter.timeseries.TimeseriesQueries.DevicePoint;
import io.commandcenter.timeseries.TimeseriesQueries.SolarPoint;
import io.commandcenter.timeseries.TimeseriesQueries.Stats;
import io.commandcenter.timeseries.TimeseriesQueries;
import org.springframework.stereotype.Component;

/** A window of raw stored readings, read through the time-series facade, for a replay. */
@Component
class StoredReadings {

    private static final String SITE = "replay";

    private final TimeseriesQueries queries;
    private final DeviceRegistry registry;
    private final PvForecasts forecasts;

    StoredReadings(TimeseriesQueries queries, DeviceRegistry registry, PvForecasts forecasts) {
        this.queries = queries;
        this.registry = registry;
        this.forecasts = forecasts;
    }

    RecordedReadings window(Instant from, Instant to, ZoneId zone) {
        List<BatteryReading> battery = new ArrayList<>();
        for (BatteryPoint p : queries.batteryHistory(from, to, Resolution.RAW).points()) {
            if (p.soc() != null && p.soc().avg() != null) {
                battery.add(new BatteryReading(SITE, p.at(), p.soc().avg(), avg(p.voltage()), 0, null));
            }
        }
        List<SolarReading> solar = new ArrayList<>();
        for (SolarPoint p : queries.solarHistory(from, to, Resolution.RAW).points()) {
            solar.add(new SolarReading(SITE, p.at(), avg(p.pv()), avg(p.battery()), avg(p.grid()), avg(p.load()),
                    avg(p.soc())));
        }
        Map<String, Device> devices = new TreeMap<>();
        List<DevicePowerReading> relays = new ArrayList<>();
        for (Device d : registry.findAll()) {
            devices.put(d.name(), d);
            for (DevicePoint p : queries.deviceHistory(d.name(), from, to, Resolution.RAW).points()) {
                boolean online = Boolean.TRUE.equals(p.online());
                relays.add(new DevicePowerReading(d.name(), p.at(), online, online ? p.on() : null,
                        online && p.power() != null ? p.power().avg() : null, null, null, null));
            }
        }
        // A forecast counts for six hours after its issue (then it is stale): the one issued just before the window too.
        List<PvForecast> issued = forecasts.issuedBetween(from.minus(java.time.Duration.ofHours(6)), to);
        return new RecordedReadings(SITE, zone, from, to, battery, solar, relays, devices, issued);
    }

    private static double avg(Stats s) {
        return s == null || s.avg() == null ? 0 : s.avg();
    }
}
