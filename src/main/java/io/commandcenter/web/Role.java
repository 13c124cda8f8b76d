package io.commandcenter.web;

/**
 * What a signed-in user or API token may do. Each role includes the ones before it:
 * a viewer reads, an operator also switches devices and approves, an admin also changes rules,
 * settings, users and tokens.
 */
public enum Role {
    VIEWER, OPERATOR, ADMIN;

    /** The Spring Security authority ("ROLE_ADMIN"). */
    public String authority() {
        return "ROLE_" + name();
    }

    static Role parse(String value) {
        try {
            return Role.valueOf(value.trim().toUpperCase(java.util.Locale.ROOT));
        } catch (RuntimeException e) {
            throw new AccountRejected("unknown-role", "Unknown role '" + value + "': use viewer, operator or admin")
                    .with("role", String.valueOf(value));
        }
    }
}
