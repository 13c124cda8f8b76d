package io.commandcenter.engine;

import java.time.Instant;
import java.util.UUID;

/**
 * Control carried out a command the rules allowed: the device was seen in the asked state. Only now does a manual
 * command hold the device and count as done for the rules.
 */
public record CommandCarriedOut(UUID requestId, String device, boolean on, Source source, Instant at) {
}
