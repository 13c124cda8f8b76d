package io.commandcenter.web;

import java.util.List;
import java.util.Optional;

import io.commandcenter.validation.Rejected;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The people who may sign in: create, change and remove them. Passwords are stored hashed (BCrypt) and must pass
 * {@link PasswordPolicy}. Changing a password, role or enabled flag, or removing the user, ends the user's browser
 * sessions ({@link SessionStampFilter}); the user's API tokens follow the user's current role and die with the user.
 */
@Service
public class UserAccounts {

    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final PasswordPolicy policy;

    UserAccounts(UserRepository users, PasswordEncoder passwords, PasswordPolicy policy) {
        this.users = users;
        this.passwords = passwords;
        this.policy = policy;
    }

    public List<UserAccount> findAll() {
        return users.findAll();
    }

    public Optional<UserAccount> find(String username) {
        return users.findByUsername(username).map(UserRepository.Credentials::account);
    }

    @Transactional
    public UserAccount create(String username, String password, Role role) {
        if (username == null || !username.matches("[A-Za-z0-9._@-]{1,64}")) {
            throw new AccountRejected("bad-username",
                    "A user name is 1 to 64 letters, digits or . _ @ -").with("username", String.valueOf(username));
        }
        if (role == null) {
            throw new AccountRejected("unknown-role", "A role is required: viewer, operator or admin");
        }
        if (users.findByUsername(username).isPresent()) {
            throw new AccountConflict("user-exists", "User '" + username + "' already exists")
                    .with("username", username);
        }
        users.insert(username, passwords.encode(policy.check(username, password)), role, SignedInUser.name());
        return find(username).orElseThrow();
    }

    /** Changes what is given (null leaves a field as it is); refuses to remove the last enabled admin. */
    @Transactional
    public UserAccount update(String username, String password, Role role, Boolean enabled) {
        String hash = password == null ? null : passwords.encode(policy.check(username, password));
        if (users.update(username, hash, role, enabled) == 0) {
            throw unknown(username);
        }
        requireAnAdmin();
        return find(username).orElseThrow();
    }

    @Transactional
    public void delete(String username) {
        if (users.delete(username) == 0) {
            throw unknown(username);
        }
        requireAnAdmin();
    }

    boolean anyEnabledAdmin() {
        return users.anyEnabledAdmin();
    }

    private void requireAnAdmin() {
        if (!users.anyEnabledAdmin()) {
            // thrown inside the transaction, so the change is rolled back
            throw new AccountConflict("last-admin", "The site needs at least one enabled admin");
        }
    }

    private static Rejected unknown(String username) {
        return new UnknownAccount("unknown-user", "No user named '" + username + "'").with("username", username);
    }
}
