package io.commandcenter.engine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Control sent nothing for a command: refused, the device busy or offline, hardware control switched off ("would
 * execute"), or halted by the emergency stop. Whatever the rules allowed did not happen, so it takes no device.
 *
 * @param result control's name for why (BLOCKED, BUSY, OFFLINE, WOULD_EXECUTE, HALTED)
 */
public record CommandNotSent(UUID requestId, String device, boolean on, Source source, String result,
                             List<String> reasons, Instant at) {
}
