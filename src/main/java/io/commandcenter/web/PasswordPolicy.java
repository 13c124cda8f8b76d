package io.commandcenter.web;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

/**
 * What a password must be: at least {@value #MIN_LENGTH} characters (at most {@value #MAX_BYTES} bytes, BCrypt's
 * limit), not blank, not made of fewer than {@value #MIN_DISTINCT} different characters, not containing the user
 * name, and not on the list of common passwords ({@code web/common-passwords.txt}, compared ignoring case).
 */
@Component
class PasswordPolicy {

    static final int MIN_LENGTH = 12;
    static final int MAX_BYTES = 72;
    static final int MIN_DISTINCT = 4;
    static final String LIST = "web/common-passwords.txt";

    private final Set<String> common;

    PasswordPolicy() {
        this.common = load();
    }

    /** The reason this password is refused for this user, or empty when it is acceptable. */
    Optional<String> problem(String username, String password) {
        if (password == null || password.isBlank()) {
            return Optional.of("A password is required and cannot be only spaces");
        }
        if (password.length() < MIN_LENGTH) {
            return Optional.of("A password needs at least " + MIN_LENGTH + " characters");
        }
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            return Optional.of("A password can have at most " + MAX_BYTES + " bytes");
        }
        String lower = password.toLowerCase(Locale.ROOT);
        if (username != null && !username.isBlank() && lower.contains(username.toLowerCase(Locale.ROOT))) {
            return Optional.of("A password must not contain the user name");
        }
        if (password.codePoints().distinct().count() < MIN_DISTINCT) {
            return Optional.of("A password needs at least " + MIN_DISTINCT + " different characters");
        }
        if (common.contains(lower) || common.contains(lower.strip())) {
            return Optional.of("This password is on the list of commonly used passwords");
        }
        return Optional.empty();
    }

    /** Refuses a password that breaks the policy with a 400 problem naming the field {@code password}. */
    String check(String username, String password) {
        problem(username, password).ifPresent(reason -> {
            throw new AccountRejected("weak-password", reason)
                    .with("field", "password").with("errors", List.of("password: " + reason));
        });
        return password;
    }

    private static Set<String> load() {
        Set<String> words = new HashSet<>();
        try (var reader = new BufferedReader(new InputStreamReader(new ClassPathResource(LIST).getInputStream(),
                StandardCharsets.UTF_8))) {
            reader.lines().map(String::strip).filter(l -> !l.isEmpty() && !l.startsWith("#"))
                    .map(l -> l.toLowerCase(Locale.ROOT)).forEach(words::add);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read " + LIST, e);
        }
        return Set.copyOf(words);
    }
}
