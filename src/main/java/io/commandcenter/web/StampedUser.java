package io.commandcenter.web;

import java.util.List;

import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.User;

/**
 * A signed-in person together with the user's security stamp at sign-in. A session whose stamp is no longer
 * the user's current one (password, role or enabled flag changed since) is ended by {@link SessionStampFilter}.
 */
class StampedUser extends User {

    private static final long serialVersionUID = 1L;

    private final long stamp;

    StampedUser(UserRepository.Credentials credentials) {
        super(credentials.account().username(), credentials.passwordHash(), credentials.account().enabled(),
                true, true, true, List.of(new SimpleGrantedAuthority(credentials.account().role().authority())));
        this.stamp = credentials.stamp();
    }

    long stamp() {
        return stamp;
    }

    @Override
    public boolean equals(Object other) {
        return super.equals(other);
    }

    @Override
    public int hashCode() {
        return super.hashCode();
    }
}
