package io.commandcenter.control;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * Published when a protective off (the battery floor's {@code Source.SAFETY} request) did not leave its device
 * verified off: the load may still be draining the battery, so a person must know at once.
 *
 * @param device     device registry name
 * @param reason     the request's reason; it carries the state of charge the rules saw
 * @param result     how the action ended (FAILED, OFFLINE, BUSY, ...)
 * @param finalState "on", "off" or "unknown": the state the device was last seen in
 * @param attempts   commands sent, over the cloud and the LAN
 * @param details    what went wrong, in order
 */
public record ProtectiveOffFailed(UUID actionId, String device, String reason, CommandOutcome.Result result,
                                  String finalState, int attempts, List<String> details, Instant at) {
}
