package io.commandcenter;

import java.util.Base64;

import io.commandcenter.web.Role;
import io.commandcenter.web.UserAccounts;
import org.springframework.http.HttpHeaders;
import org.springframework.web.client.RestClient;

/**
 * Signed-in HTTP clients for integration tests. The test profile's admin is {@link #ADMIN} /
 * {@link #ADMIN_PASSWORD} (application-test.properties); other users are made with {@link #ensure}, and
 * their password is always {@link #password(String)}.
 *
 * <pre>{@code
 * RestClient http = TestUsers.admin(port).build();
 * RestClient viewer = TestUsers.as(port, TestUsers.ensure(accounts, "vera", Role.VIEWER)).build();
 * }</pre>
 */
public final class TestUsers {

    public static final String ADMIN = "admin";
    public static final String ADMIN_PASSWORD = "admin-test-password";

    private TestUsers() {
    }

    /** A client signed in as the test admin with HTTP Basic. */
    public static RestClient.Builder admin(int port) {
        return as(port, ADMIN, ADMIN_PASSWORD);
    }

    /** A client signed in as a user made by {@link #ensure}. */
    public static RestClient.Builder as(int port, String username) {
        return as(port, username, password(username));
    }

    public static RestClient.Builder as(int port, String username, String password) {
        return anonymous(port).defaultHeader(HttpHeaders.AUTHORIZATION, basic(username, password));
    }

    /** A client with an API token ({@code Authorization: Bearer ...}). */
    public static RestClient.Builder withToken(int port, String token) {
        return anonymous(port).defaultHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    }

    public static RestClient.Builder anonymous(int port) {
        return RestClient.builder().baseUrl("http://localhost:" + port);
    }

    /**
     * Creates the user with that role unless it exists (then it gets the role, {@link #password} and is enabled
     * again, in case an earlier test changed it); returns the user name.
     */
    public static String ensure(UserAccounts accounts, String username, Role role) {
        var existing = accounts.find(username);
        if (existing.isEmpty()) {
            accounts.create(username, password(username), role);
        } else {
            accounts.update(username, password(username), role, true);
        }
        return username;
    }

    /** A password that passes the password policy (12+ characters, not containing the user name). */
    public static String password(String username) {
        return "pw-" + Integer.toHexString(username.hashCode()) + "-Test-Secret";
    }

    public static String basic(String username, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((username + ":" + password).getBytes());
    }
}
