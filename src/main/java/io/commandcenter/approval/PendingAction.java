package io.commandcenter.approval;

import java.time.Instant;
import java.util.UUID;

import io.commandcenter.engine.Source;

/**
 * An action waiting for (or resolved by) a person.
 *
 * @param id          the action request's id
 * @param shortCode   4 digits for SMS replies ("YES 4821"), unique among pending actions
 * @param why         why the requester wants it (agent explanation), may be empty
 * @param resolvedBy  who answered: user name, phone number or email address
 * @param resolvedVia LINK, SMS, WEB, or MANUAL when a manual command superseded it
 * @param result      the control pipeline's result once run (SUCCEEDED, BLOCKED, ...)
 * @param resultDetail why it failed or was blocked
 */
public record PendingAction(UUID id, String shortCode, String device, boolean on, Source source, String requestedBy,
                            String reason, String why, Instant requestedAt, Instant createdAt, Instant expiresAt,
                            State state, String resolvedBy, String resolvedVia, Instant resolvedAt, String result,
                            String resultDetail) {

    public enum State {
        PENDING, APPROVED, EXECUTED, REJECTED, EXPIRED, FAILED,
        /** A person's manual command on the device took over while it waited: it can no longer be approved. */
        SUPERSEDED
    }

    /** "switch miner-1 off" */
    public String summary() {
        return "switch " + device + (on ? " on" : " off");
    }
}
