package io.commandcenter.web;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/**
 * The name to record as the actor of an action: the signed-in user, {@code token:<name>} for an API
 * token, or {@code system} when the platform acts on its own (scheduled rules, startup).
 */
public final class SignedInUser {

    public static final String SYSTEM = "system";

    private SignedInUser() {
    }

    public static String name() {
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth == null || !auth.isAuthenticated() || "anonymousUser".equals(auth.getName())) {
            return SYSTEM;
        }
        return auth.getName();
    }
}
