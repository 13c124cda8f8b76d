package io.commandcenter.timeseries;

import java.time.Instant;

/**
 * One battery-monitor reading (Victron Cerbo GX via VRM).
 *
 * @param site        site id (configuration {@code commandcenter.site.id})
 * @param at          when the monitor measured it (poll time minus VRM's secondsAgo)
 * @param soc         state of charge, percent 0..100
 * @param voltage     volts
 * @param current     amps, positive while charging
 * @param temperature degrees Celsius, null when the monitor has no sensor
 */
public record BatteryReading(String site, Instant at, double soc, double voltage, double current, Double temperature) {

    /** Battery power in watts (VRM has no power attribute: V x I), positive while charging. */
    public double power() {
        return voltage * current;
    }
}
