package io.commandcenter.device;

import java.time.Instant;

/**
 * A Shelly relay in the device registry ({@code shelly.devices}).
 *
 * @param name     the owner's name, unique, used in URLs ("miner-1")
 * @param cloudId  Shelly Cloud device id
 * @param channel  relay channel on the device (0 for single-relay plugs)
 * @param type     what the relay switches
 * @param ratedPower nominal watts of the load when on, used for safety estimates before it runs
 * @param online   last known cloud online flag
 * @param lastSeen last successful reading, null if never seen
 * @param essential the owner marked it essential (fridge, well pump): the battery floor never sheds it
 */
public record Device(String name, String cloudId, int channel, DeviceType type, double ratedPower,
                     boolean online, Instant lastSeen, boolean essential) {
}
