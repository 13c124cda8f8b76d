package io.commandcenter.ingest.shelly;

/**
 * One relay of a Shelly device; each value null when the device does not report it.
 *
 * @param on            relay output
 * @param power         watts
 * @param voltage       volts
 * @param current       amps
 * @param energyTotalWh lifetime energy in watt-hours (converted from watt-minutes for Gen1)
 */
public record ShellyChannel(int channel, Boolean on, Double power, Double voltage, Double current, Double energyTotalWh) {
}
