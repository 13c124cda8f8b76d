package io.commandcenter.web;

import java.util.List;
import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The people who may sign in: create, change and remove them. Passwords are stored hashed (BCrypt). */
@Service
public class UserAccounts {

    static final int MIN_PASSWORD_LENGTH = 8;

    private final UserRepository users;
    private final PasswordEncoder passwords;

    UserAccounts(UserRepository users, PasswordEncoder passwords) {
        this.users = users;
        this.passwords = passwords;
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
            throw ProblemException.badRequest("bad-username",
                    "A user name is 1 to 64 letters, digits or . _ @ -").with("username", String.valueOf(username));
        }
        if (role == null) {
            throw ProblemException.badRequest("unknown-role", "A role is required: viewer, operator or admin");
        }
        if (users.findByUsername(username).isPresent()) {
            throw new ProblemException(HttpStatus.CONFLICT, "user-exists", "User '" + username + "' already exists")
                    .with("username", username);
        }
        users.insert(username, passwords.encode(checked(password)), role, SignedInUser.name());
        return find(username).orElseThrow();
    }

    /** Changes what is given (null leaves a field as it is); refuses to remove the last enabled admin. */
    @Transactional
    public UserAccount update(String username, String password, Role role, Boolean enabled) {
        String hash = password == null ? null : passwords.encode(checked(password));
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
            throw new ProblemException(HttpStatus.CONFLICT, "last-admin", "The site needs at least one enabled admin");
        }
    }

    private static String checked(String password) {
        if (password == null || password.length() < MIN_PASSWORD_LENGTH) {
            throw ProblemException.badRequest("weak-password",
                    "A password needs at least " + MIN_PASSWORD_LENGTH + " characters");
        }
        return password;
    }

    private static ProblemException unknown(String username) {
        return ProblemException.notFound("unknown-user", "No user named '" + username + "'").with("username", username);
    }
}
