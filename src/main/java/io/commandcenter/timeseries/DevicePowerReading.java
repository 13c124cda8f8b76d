package io.commandcenter.timeseries;

import java.time.Instant;

/**
 * One reading of a Shelly relay and the load behind it. When the device is offline
 * the measured values are unknown and therefore null, never the last known numbers.
 *
 * @param device        registry name, e.g. "miner-1"
 * @param online        whether the cloud reports the device online
 * @param on            relay output, null when unknown
 * @param power         watts, null when unknown
 * @param voltage       volts, null when unknown
 * @param current       amps, null when unknown
 * @param energyTotalWh lifetime energy counter in watt-hours, null when unknown
 */
public record DevicePowerReading(String device, Instant at, boolean online, Boolean on, Double power,
                                 Double voltage, Double current, Double energyTotalWh) {
}
