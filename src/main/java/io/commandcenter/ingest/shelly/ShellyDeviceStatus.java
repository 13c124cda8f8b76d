package io.commandcenter.ingest.shelly;

import java.util.List;
import java.util.Optional;

/**
 * What Shelly Cloud says about one device now. Offline devices have no channels: their values are unknown.
 *
 * @param cloudId  Shelly Cloud device id
 * @param online   the cloud's online flag
 * @param channels one entry per relay, by channel number; empty when offline
 */
public record ShellyDeviceStatus(String cloudId, boolean online, List<ShellyChannel> channels) {

    public Optional<ShellyChannel> channel(int channel) {
        return channels.stream().filter(c -> c.channel() == channel).findFirst();
    }
}
