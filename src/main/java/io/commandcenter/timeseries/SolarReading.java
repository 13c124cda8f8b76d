package io.commandcenter.timeseries;

import java.time.Instant;

/**
 * One energy-flow reading from the hybrid inverter (SolArk cloud).
 * Signs are normalised from SolArk's direction flags, never taken from its raw signs.
 *
 * @param pvPower      watts produced by the panels, >= 0
 * @param batteryPower watts into the battery (positive = charging, negative = discharging)
 * @param gridPower    watts from the grid (positive = import, negative = export)
 * @param loadPower    watts consumed by the house loads, >= 0
 * @param soc          state of charge as the inverter sees it, percent 0..100
 * @param stale        the cloud repeats these values although the battery is moving: they are not current
 * @param lastChanged  when the cloud first showed these values (null when not known)
 */
public record SolarReading(String site, Instant at, double pvPower, double batteryPower, double gridPower,
                           double loadPower, double soc, boolean stale, Instant lastChanged) {

    /** A current reading whose values appeared at {@code at}. */
    public SolarReading(String site, Instant at, double pvPower, double batteryPower, double gridPower,
                        double loadPower, double soc) {
        this(site, at, pvPower, batteryPower, gridPower, loadPower, soc, false, at);
    }
}
