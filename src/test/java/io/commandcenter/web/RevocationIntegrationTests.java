package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/** Access ends when it is taken away; guessing passwords is slowed down; weak passwords are refused. */
@IntegrationTest
class RevocationIntegrationTests {

    @LocalServerPort int port;
    @Autowired UserAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired LoginThrottle throttle;

    @BeforeEach
    void setUp() {
        throttle.clear();
        jdbc.sql("DELETE FROM security.api_tokens").update();
        jdbc.sql("DELETE FROM security.users WHERE username IN ('rita', 'ada', 'brutus')").update();
        TestUsers.ensure(accounts, "rita", Role.OPERATOR);
    }

    @AfterEach
    void tearDown() {
        throttle.clear();
        jdbc.sql("DELETE FROM security.users WHERE username IN ('rita', 'ada', 'brutus')").update();
    }

    @Test
    void demotingEndsTheSession() throws Exception {
        refusedAfter(admin -> change(admin, "rita", "{\"role\":\"viewer\"}"));
    }

    @Test
    void disablingEndsTheSession() throws Exception {
        refusedAfter(admin -> change(admin, "rita", "{\"enabled\":false}"));
    }

    @Test
    void deletingEndsTheSession() throws Exception {
        refusedAfter(admin -> admin.delete().uri("/api/users/rita").retrieve().toBodilessEntity());
    }

    @Test
    void changingThePasswordEndsTheSession() throws Exception {
        refusedAfter(admin -> change(admin, "rita", "{\"password\":\"another-Fine-secret-42\"}"));
    }

    /** The operator's session may switch before the change and is refused (401/403 or sign-in page) after it. */
    private void refusedAfter(Consumer<RestClient> change) throws Exception {
        Session session = signIn("rita");
        assertThat(session.post("/shelly/device/miner-1/off").statusCode()).isNotIn(401, 403, 302);

        change.accept(TestUsers.admin(port).build());

        HttpResponse<String> after = session.post("/shelly/device/miner-1/off");
        assertThat(after.statusCode()).isIn(302, 401, 403);
        if (after.statusCode() == 302) {
            assertThat(after.headers().firstValue("Location").orElseThrow()).contains("/login");
        }
        // and the session is really gone: a plain read is not answered either
        assertThat(session.get("/power/chart").statusCode()).isIn(302, 401);
    }

    @Test
    void tokenOfARemovedAdminIsRefused() {
        TestUsers.ensure(accounts, "ada", Role.ADMIN);
        String token = createToken(TestUsers.as(port, "ada").build(), "admin");
        assertThat(status(bearer(token).get().uri("/api/users"))).isEqualTo(200);

        TestUsers.admin(port).build().delete().uri("/api/users/ada").retrieve().toBodilessEntity();

        assertThat(status(bearer(token).get().uri("/power/chart"))).isEqualTo(401);
        JsonNode listed = TestUsers.admin(port).build().get().uri("/api/tokens").retrieve().body(JsonNode.class);
        assertThat(listed.get(0).get("state").asString()).isEqualTo("orphaned");
    }

    @Test
    void tokenOfADisabledUserIsRefused() {
        TestUsers.ensure(accounts, "ada", Role.ADMIN);
        String token = createToken(TestUsers.as(port, "ada").build(), "viewer");

        change(TestUsers.admin(port).build(), "ada", "{\"enabled\":false}");

        assertThat(status(bearer(token).get().uri("/power/chart"))).isEqualTo(401);
    }

    @Test
    void tokenOfADemotedAdminCarriesOnlyTheOwnersCurrentRole() {
        TestUsers.ensure(accounts, "ada", Role.ADMIN);
        String token = createToken(TestUsers.as(port, "ada").build(), "admin");

        change(TestUsers.admin(port).build(), "ada", "{\"role\":\"operator\"}");

        assertThat(status(bearer(token).post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .body("{\"username\":\"brutus\",\"password\":\"a-Decent-passphrase-9\",\"role\":\"admin\"}")))
                .isEqualTo(403);
        assertThat(accounts.find("brutus")).isEmpty();
        // still an operator's token: reads work
        assertThat(status(bearer(token).get().uri("/power/chart"))).isEqualTo(200);
    }

    @Test
    void expiredTokenIsRefusedAndListedWithItsExpiry() {
        JsonNode created = TestUsers.admin(port).build().post().uri("/api/tokens").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"old\",\"role\":\"viewer\"}").retrieve().body(JsonNode.class);
        String token = created.get("token").asString();
        assertThat(created.get("details").get("expiresAt").asString()).isNotBlank();
        assertThat(created.get("details").get("owner").asString()).isEqualTo(TestUsers.ADMIN);
        assertThat(status(bearer(token).get().uri("/power/chart"))).isEqualTo(200);

        jdbc.sql("UPDATE security.api_tokens SET expires_at = now() - interval '1 minute'").update();

        assertThat(status(bearer(token).get().uri("/power/chart"))).isEqualTo(401);
        JsonNode listed = TestUsers.admin(port).build().get().uri("/api/tokens").retrieve().body(JsonNode.class);
        assertThat(listed.get(0).get("state").asString()).isEqualTo("expired");
        assertThat(listed.toString()).doesNotContain(token);
    }

    @Test
    void repeatedWrongPasswordsLockTheUserOutEvenWithTheRightPassword() {
        TestUsers.ensure(accounts, "brutus", Role.VIEWER);
        RestClient wrong = TestUsers.as(port, "brutus", "not-the-right-one").defaultStatusHandler(s -> true, (q, r) -> { }).build();
        for (int i = 0; i < 5; i++) {
            assertThat(status(wrong.get().uri("/power/chart"))).as("attempt " + (i + 1)).isEqualTo(401);
        }
        assertThat(status(wrong.get().uri("/power/chart"))).isEqualTo(429);

        var right = TestUsers.as(port, "brutus").defaultStatusHandler(s -> true, (q, r) -> { }).build()
                .get().uri("/power/chart").retrieve().toEntity(String.class);

        assertThat(right.getStatusCode().value()).isEqualTo(429);
        assertThat(Long.parseLong(right.getHeaders().getFirst("Retry-After"))).isPositive();
        assertThat(right.getBody()).contains("too-many-sign-in-failures");
    }

    @Test
    void theSignInFormSaysWhenItIsThrottled() throws Exception {
        TestUsers.ensure(accounts, "brutus", Role.VIEWER);
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        for (int i = 0; i < 5; i++) {
            assertThat(postLogin(browser, "brutus", "wrong-" + i).headers().firstValue("Location").orElseThrow())
                    .endsWith("/login?error");
        }
        HttpResponse<String> refused = postLogin(browser, "brutus", TestUsers.password("brutus"));
        String location = refused.headers().firstValue("Location").orElseThrow();
        assertThat(location).contains("/login?throttled=");
        String page = browser.send(HttpRequest.newBuilder(URI.create(location.startsWith("http") ? location
                : "http://localhost:" + port + location)).build(), HttpResponse.BodyHandlers.ofString()).body();
        assertThat(page).contains("Too many failed sign-ins");
    }

    @Test
    void weakPasswordsAreRefusedNamingTheField() {
        RestClient admin = TestUsers.admin(port).defaultStatusHandler(s -> true, (q, r) -> { }).build();
        for (String weak : new String[] {"12345678", "            ", "password", "ada-is-my-password", "ADA12345678901",
                "qwertyuiop12", "password123456", "123456789012", "aaaaaaaaaaaaaaa"}) {
            var response = admin.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                    .body("{\"username\":\"ada\",\"password\":\"" + weak + "\",\"role\":\"viewer\"}")
                    .retrieve().toEntity(JsonNode.class);
            assertThat(response.getStatusCode().value()).as(weak).isEqualTo(400);
            assertThat(response.getHeaders().getContentType().toString()).contains("problem+json");
            assertThat(response.getBody().get("field").asString()).as(weak).isEqualTo("password");
            // the problem never echoes the refused password back ("password" itself is the field's name)
            if (!weak.equals("password")) {
                assertThat(response.getBody().toString()).doesNotContain("\"" + weak + "\"");
            }
        }
        assertThat(accounts.find("ada")).isEmpty();

        TestUsers.ensure(accounts, "ada", Role.VIEWER);
        var change = admin.put().uri("/api/users/ada").contentType(MediaType.APPLICATION_JSON)
                .body("{\"password\":\"short\"}").retrieve().toEntity(JsonNode.class);
        assertThat(change.getStatusCode().value()).isEqualTo(400);
        assertThat(change.getBody().get("field").asString()).isEqualTo("password");
    }

    @Test
    void theUsersPageShowsAWeakPasswordAsAFormError() throws Exception {
        Session session = signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        HttpResponse<String> created = session.post("/users", "username=ada&password=password123456&role=VIEWER");
        assertThat(created.statusCode()).isEqualTo(302);
        assertThat(session.get("/users").body()).contains("commonly used passwords");
        assertThat(accounts.find("ada")).isEmpty();
    }

    @Test
    void anonymousHealthShowsOnlyTheStatus() {
        JsonNode anonymous = TestUsers.anonymous(port).build().get().uri("/actuator/health").retrieve().body(JsonNode.class);
        assertThat(anonymous.has("status")).isTrue();
        assertThat(anonymous.has("components")).isFalse();
        assertThat(anonymous.has("details")).isFalse();

        JsonNode signedIn = TestUsers.admin(port).build().get().uri("/actuator/health").retrieve().body(JsonNode.class);
        assertThat(signedIn.has("components")).isTrue();
    }

    @Test
    void anAuthorizationHeaderWithoutAValidCredentialDoesNotSkipTheCsrfCheck() throws Exception {
        Session session = signIn("rita");
        for (String header : new String[] {"Bearer x", "Token x", "Basic " + java.util.Base64.getEncoder()
                .encodeToString("rita:wrong".getBytes())}) {
            HttpResponse<String> response = session.browser.send(HttpRequest.newBuilder(uri("/shelly/device/miner-1/off"))
                    .header("Authorization", header).header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            // refused: 403 by the CSRF check, or 401 because the credential itself is bad
            assertThat(response.statusCode()).as(header).isIn(401, 403);
        }
        // same-name Basic with the right password on a session request: not re-checked, so CSRF still applies
        HttpResponse<String> response = session.browser.send(HttpRequest.newBuilder(uri("/shelly/device/miner-1/off"))
                .header("Authorization", "Token x").POST(HttpRequest.BodyPublishers.noBody()).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(403);
    }

    @Test
    void secretsNeverAppearInResponses() {
        RestClient admin = TestUsers.admin(port).build();
        JsonNode created = admin.post().uri("/api/tokens").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"once\",\"role\":\"viewer\"}").retrieve().body(JsonNode.class);
        String token = created.get("token").asString();
        String hash = jdbc.sql("SELECT password_hash FROM security.users WHERE username = 'rita'").query(String.class).single();

        String users = admin.get().uri("/api/users").retrieve().body(String.class);
        String tokens = admin.get().uri("/api/tokens").retrieve().body(String.class);
        String apiDocs = admin.get().uri("/v3/api-docs").retrieve().body(String.class);
        for (String body : new String[] {users, tokens, apiDocs}) {
            assertThat(body).doesNotContain(token).doesNotContain(hash).doesNotContain(ApiTokens.sha256(token))
                    .doesNotContain("passwordHash").doesNotContain("tokenHash");
        }
    }

    private String createToken(RestClient client, String role) {
        return client.post().uri("/api/tokens").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"t-" + role + "\",\"role\":\"" + role + "\"}").retrieve().body(JsonNode.class)
                .get("token").asString();
    }

    private static void change(RestClient admin, String username, String json) {
        admin.put().uri("/api/users/" + username).contentType(MediaType.APPLICATION_JSON).body(json)
                .retrieve().toBodilessEntity();
    }

    private RestClient bearer(String token) {
        return TestUsers.withToken(port, token).defaultStatusHandler(s -> true, (q, r) -> { }).build();
    }

    private static int status(RestClient.RequestHeadersSpec<?> request) {
        return request.retrieve().toBodilessEntity().getStatusCode().value();
    }

    /** A browser session with its CSRF token, like a signed-in page would have. */
    private final class Session {
        final HttpClient browser;
        final String csrf;

        Session(HttpClient browser, String csrf) {
            this.browser = browser;
            this.csrf = csrf;
        }

        HttpResponse<String> post(String path) throws Exception {
            return post(path, "");
        }

        HttpResponse<String> post(String path, String form) throws Exception {
            String body = (form.isEmpty() ? "" : form + "&") + "_csrf=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8);
            return browser.send(HttpRequest.newBuilder(uri(path)).header("Accept", "application/json")
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        }

        HttpResponse<String> get(String path) throws Exception {
            return browser.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
        }
    }

    private Session signIn(String username) throws Exception {
        return signIn(username, TestUsers.password(username));
    }

    private Session signIn(String username, String password) throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        HttpResponse<String> response = postLogin(browser, username, password);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/power");
        String page = browser.send(HttpRequest.newBuilder(uri("/power")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString()).body();
        return new Session(browser, AccessIntegrationTests.csrfToken(page));
    }

    private HttpResponse<String> postLogin(HttpClient browser, String username, String password) throws Exception {
        String token = AccessIntegrationTests.csrfToken(browser.send(HttpRequest.newBuilder(uri("/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String form = "username=" + username + "&password=" + URLEncoder.encode(password, StandardCharsets.UTF_8)
                + "&_csrf=" + URLEncoder.encode(token, StandardCharsets.UTF_8);
        return browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }
}
