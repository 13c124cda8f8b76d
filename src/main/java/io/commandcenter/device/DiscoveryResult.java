package io.commandcenter.device;

import java.util.List;

/**
 * What {@code POST /devices/discover} found.
 *
 * @param added devices registered now
 * @param known cloud relays that were already registered, as registered
 */
public record DiscoveryResult(List<Device> added, List<Device> known) {
}
