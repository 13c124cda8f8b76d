package io.commandcenter.timeseries;

import java.util.List;

/**
 * Published (as a Spring application event) after a batch of accepted readings was committed.
 * The rules engine listens to it; readings that failed validation are never in it.
 */
public record ReadingsStored(List<BatteryReading> battery, List<SolarReading> solar,
                             List<DevicePowerReading> devices) {

    public static ReadingsStored ofBattery(List<BatteryReading> readings) {
        return new ReadingsStored(readings, List.of(), List.of());
    }

    public static ReadingsStored ofSolar(List<SolarReading> readings) {
        return new ReadingsStored(List.of(), readings, List.of());
    }

    public static ReadingsStored ofDevices(List<DevicePowerReading> readings) {
        return new ReadingsStored(List.of(), List.of(), readings);
    }
}
