package io.commandcenter.web;

import java.time.Instant;

/** A person who can sign in; the password hash never leaves {@link UserAccounts}. */
public record UserAccount(String username, Role role, boolean enabled, Instant createdAt, String createdBy) {
}
