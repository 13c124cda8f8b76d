package io.commandcenter.engine.facts;

import io.commandcenter.engine.Source;

/** Conclusion: a command of {@code source} holds the device until {@code until} (epoch millis). */
public record DeviceHeld(String device, Source source, long until) {
}
