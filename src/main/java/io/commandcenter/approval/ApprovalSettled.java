package io.commandcenter.approval;

import java.time.Instant;
import java.util.UUID;

import io.commandcenter.engine.Source;

/**
 * A person answered a waiting action, or nobody did in time: what learning watches ("you always approve this").
 *
 * @param answer APPROVED, REJECTED or EXPIRED
 * @param by     who answered (null when it expired)
 * @param askedAt when the person was asked
 */
public record ApprovalSettled(UUID requestId, String device, boolean on, Source source, String requestedBy,
                              String answer, String by, Instant at, Instant askedAt) {

    static ApprovalSettled of(PendingAction a, String answer, String by, Instant at) {
        return new ApprovalSettled(a.id(), a.device(), a.on(), a.source(), a.requestedBy(), answer, by, at,
                a.createdAt());
    }
}
