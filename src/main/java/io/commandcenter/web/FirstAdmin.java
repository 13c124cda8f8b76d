package io.commandcenter.web;

import java.security.SecureRandom;
import java.util.Base64;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;

/**
 * Makes sure someone can sign in. With {@code COMMANDCENTER_ADMIN_USER}/{@code COMMANDCENTER_ADMIN_PASSWORD}
 * set, that admin exists with that password on every start (so a lost password is reset from the environment).
 * With neither set and no admin in the database, it creates {@code admin} with a generated password and
 * prints it once.
 * <p>A configured password is applied even when it breaks {@link PasswordPolicy} (the operator chose it and
 * must be able to get in), but a warning naming the rule, never the password, is logged on every start.
 */
@Component
class FirstAdmin implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(FirstAdmin.class);

    private final SecurityProperties properties;
    private final UserRepository users;
    private final PasswordEncoder passwords;

    private final PasswordPolicy policy;

    FirstAdmin(SecurityProperties properties, UserRepository users, PasswordEncoder passwords, PasswordPolicy policy) {
        this.properties = properties;
        this.users = users;
        this.passwords = passwords;
        this.policy = policy;
    }

    @Override
    public void run(ApplicationArguments args) {
        String username = properties.adminUserOrDefault();
        if (properties.adminConfigured()) {
            policy.problem(username, properties.adminPassword()).ifPresent(reason -> log.warn(
                    "The configured admin password (COMMANDCENTER_ADMIN_PASSWORD) is weak: {}. It is used anyway; "
                            + "choose a stronger one.", reason));
            String hash = passwords.encode(properties.adminPassword());
            if (users.findByUsername(username).isPresent()) {
                users.update(username, hash, Role.ADMIN, true);
            } else {
                users.insert(username, hash, Role.ADMIN, SignedInUser.SYSTEM);
                log.info("Created admin '{}' from COMMANDCENTER_ADMIN_USER/COMMANDCENTER_ADMIN_PASSWORD", username);
            }
            return;
        }
        if (users.anyEnabledAdmin()) {
            return;
        }
        byte[] secret = new byte[12];
        new SecureRandom().nextBytes(secret);
        String password = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        if (users.findByUsername(username).isPresent()) {
            users.update(username, passwords.encode(password), Role.ADMIN, true);
        } else {
            users.insert(username, passwords.encode(password), Role.ADMIN, SignedInUser.SYSTEM);
        }
        log.warn("""

                ==================================================================
                  First run: sign in as '{}' with password: {}
                  This is shown only once. Change it, or set COMMANDCENTER_ADMIN_USER
                  and COMMANDCENTER_ADMIN_PASSWORD before the next start.
                ==================================================================""", username, password);
    }
}
