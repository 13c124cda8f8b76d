package io.commandcenter.web;

import java.time.Instant;

/** An API token as listed to admins: never the token itself, which is shown only once on creation. */
public record ApiToken(long id, String name, Role role, Instant createdAt, String createdBy, Instant lastUsedAt,
                       Instant revokedAt, String revokedBy) {

    public boolean active() {
        return revokedAt == null;
    }
}
