package io.commandcenter.sitemodel;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.commandcenter.device.DeviceType;

/**
 * One moment of the simulated site. Signs: {@code batteryW} and {@code batteryCurrentA} are positive while
 * charging, {@code gridW} is positive while importing.
 *
 * @param pvW        solar power actually produced (after curtailment), W
 * @param curtailedW solar power available but thrown away (battery full, nowhere to export), W
 * @param loadW      load demand: base load plus the switched devices drawing power, W
 * @param unmetLoadW part of the load no source could cover (off-grid, battery at cutoff), W
 */
public record SiteState(Instant time, double socPercent, double pvW, double curtailedW, double loadW,
                        double unmetLoadW, double batteryW, double gridW, double batteryVoltage,
                        double batteryCurrentA, double batteryTemperatureC, List<Device> devices, Totals totals) {

    public SiteState {
        devices = List.copyOf(devices);
    }

    public Optional<Device> device(String name) {
        return devices.stream().filter(d -> d.name().equals(name)).findFirst();
    }

    public boolean charging() {
        return batteryW > 0;
    }

    public boolean importing() {
        return gridW > 0;
    }

    /**
     * A switched load as its Shelly relay sees it.
     *
     * @param on       relay closed
     * @param online   relay reachable through the cloud
     * @param powerW   power drawn now, W
     * @param energyWh energy drawn since the start, Wh
     */
    public record Device(String name, String cloudId, int channel, DeviceType type, boolean on, boolean online,
                         double powerW, double voltage, double currentA, double temperatureC, double energyWh) {
    }

    /** Energy since the start, kWh. */
    public record Totals(double pvKwh, double loadKwh, double gridImportKwh, double gridExportKwh,
                         double batteryChargeKwh, double batteryDischargeKwh, double curtailedKwh, double unmetKwh) {
    }
}
