package io.commandcenter.device;

/**
 * Published after the registry changed (a device registered, changed, removed, imported or
 * discovered), so features that keep a copy of the registry reload it at once.
 */
public record DevicesChanged() {
}
