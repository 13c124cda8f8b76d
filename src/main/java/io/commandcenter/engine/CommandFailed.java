package io.commandcenter.engine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Control sent a command the rules allowed, but the device did not end in the asked state (it was rolled back, or
 * the emergency stop left it as it was): the command neither holds the device nor counts as done.
 *
 * @param result control's name for what happened (FAILED, HALTED)
 */
public record CommandFailed(UUID requestId, String device, boolean on, Source source, String result,
                            List<String> reasons, Instant at) {
}
