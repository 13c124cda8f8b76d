package io.commandcenter.approval;

/**
 * The answer to an approve or reject.
 *
 * @param outcome what happened now
 * @param message a sentence for the person who answered (shown on the page, replied by SMS)
 * @param action  the pending action after the answer, null when unknown
 */
public record ApprovalResult(Outcome outcome, String message, PendingAction action) {

    public enum Outcome {
        /** Approved now and carried out. */
        EXECUTED,
        /** Approved now, but the re-check or the device refused it; message says why. */
        FAILED,
        /** Rejected now. */
        REJECTED,
        /** Answered before: nothing done again. */
        ALREADY_RESOLVED,
        /** Emergency stop engaged: not approved, the action keeps waiting (and expires as usual). */
        HELD_BY_STOP,
        /** Too late: the action expired. */
        EXPIRED,
        NOT_FOUND
    }
}
