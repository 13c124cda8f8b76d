package io.commandcenter.control;

import java.util.List;
import java.util.UUID;

/**
 * What became of a request. Only {@link Result#SUCCEEDED} means the device was seen in the
 * requested state; every other result says what is known instead.
 *
 * @param previousOn  relay state before the action, null if it could not be read
 * @param finalOn     relay state last read from the device, null when unknown
 * @param reasons     why it was blocked, skipped or failed (rule names and messages)
 * @param rules       the rules that decided
 * @param attempts    commands sent
 * @param latencyMs   from request to final result
 */
public record CommandOutcome(UUID actionId, String device, boolean requestedOn, Result result, Boolean previousOn,
                             Boolean finalOn, List<String> reasons, List<String> rules, int attempts,
                             long latencyMs) {

    public enum Result {
        /** The device was verified in the requested state. */
        SUCCEEDED,
        /** Every attempt failed; the device was put back (or left) in its previous state. */
        FAILED,
        /** The rules refused it; nothing was sent. */
        BLOCKED,
        /** Another action held the device too long; nothing was sent. */
        BUSY,
        /** The device was offline; nothing was sent. Queued for retry when it came from automation. */
        OFFLINE,
        /** Hardware control is switched off: logged as "would execute", nothing was sent. */
        WOULD_EXECUTE,
        /** Emergency stop engaged before or during the action; nothing more was sent, nothing rolled back. */
        HALTED,
        /**
         * The outcome cannot be known yet (after a crash the device was offline or unreadable); it is read again
         * on a schedule until it is known.
         */
        UNKNOWN
    }

    public boolean succeeded() {
        return result == Result.SUCCEEDED;
    }
}
