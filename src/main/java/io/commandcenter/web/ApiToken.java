package io.commandcenter.web;

import java.time.Instant;

/**
 * An API token as listed to admins: never the token itself, which is shown only once on creation.
 * {@code owner} is the user it acts for (null once that user was removed, which ends the token);
 * it stops working at {@code expiresAt}. {@code state} is active, expired, revoked or orphaned.
 */
public record ApiToken(long id, String name, Role role, String owner, Instant createdAt, String createdBy,
                       Instant expiresAt, Instant lastUsedAt, Instant revokedAt, String revokedBy, String state) {

    public boolean active() {
        return "active".equals(state);
    }
}
