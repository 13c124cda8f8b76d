package io.commandcenter.engine.facts;

/** A person locked the device (maintenance, safety): nothing may switch it. */
public record DeviceLock(String device, String by, String reason) {
}
