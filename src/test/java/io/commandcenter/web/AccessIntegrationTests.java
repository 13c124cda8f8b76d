package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.client.RestClient;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class AccessIntegrationTests {

    @LocalServerPort int port;
    @Autowired UserAccounts accounts;
    @Autowired JdbcClient jdbc;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @BeforeEach
    void setUp() {
        jdbc.sql("DELETE FROM security.api_tokens").update();
        TestUsers.ensure(accounts, "vera", Role.VIEWER);
        TestUsers.ensure(accounts, "otto", Role.OPERATOR);
    }

    @Test
    void everyRouteRefusesAnonymousUsers() {
        RestClient anonymous = TestUsers.anonymous(port).defaultStatusHandler(s -> true, (req, res) -> { }).build();
        List<String> checked = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, method) -> {
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String pattern : info.getPatternValues()) {
                // Webhooks carry a Twilio signature; approval routes are checked here without their signature.
                if (pattern.equals("/login") || pattern.equals("/error") || pattern.startsWith("/webhooks/")) {
                    continue;
                }
                String path = pattern.replaceAll("\\{[^}]*}", "x");
                for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    ResponseEntity<String> response = anonymous.method(org.springframework.http.HttpMethod.valueOf(m.name()))
                            .uri(path).accept(MediaType.APPLICATION_JSON).retrieve().toEntity(String.class);
                    // Reads get 401; a write is refused by the CSRF check (403) before it gets that far.
                    assertThat(response.getStatusCode().value()).as(m + " " + path)
                            .isIn(m == RequestMethod.GET ? List.of(401) : List.of(401, 403));
                    checked.add(m + " " + path);
                }
            }
        });
        assertThat(checked).contains("GET /power", "GET /victron/battery/current", "POST /api/tokens",
                "GET /approvals/pending", "POST /approvals/x/approve", "POST /agents/chat");
    }

    @Test
    void browsersWithoutASessionAreSentToTheSignInPage() throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(uri("/power"))
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).isEqualTo(302);
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    }

    @Test
    void healthIsOpen() {
        var response = TestUsers.anonymous(port).build().get().uri("/actuator/health").retrieve().toEntity(String.class);
        assertThat(response.getStatusCode().value()).isEqualTo(200);
    }

    @Test
    void viewerReadsButCanNeitherControlDevicesNorEditRules() {
        RestClient viewer = TestUsers.as(port, "vera").defaultStatusHandler(s -> true, (req, res) -> { }).build();

        assertThat(status(viewer.get().uri("/power/chart"))).isEqualTo(200);
        assertThat(status(viewer.post().uri("/shelly/device/miner-1/off"))).isEqualTo(403);
        assertThat(status(viewer.post().uri("/emergency-stop"))).isEqualTo(403);
        assertThat(status(viewer.put().uri("/preferences").contentType(MediaType.APPLICATION_JSON).body("{}"))).isEqualTo(403);
        assertThat(status(viewer.post().uri("/engine/rules/activate"))).isEqualTo(403);
        assertThat(status(viewer.post().uri("/api/tokens").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"x\"}"))).isEqualTo(403);
    }

    @Test
    void operatorSwitchesDevicesButCannotReleaseTheStopOrEditRules() {
        RestClient operator = TestUsers.as(port, "otto").defaultStatusHandler(s -> true, (req, res) -> { }).build();

        // Not 403: the request passes security (the control feature answers it, or 404 before it lands).
        assertThat(status(operator.post().uri("/shelly/device/miner-1/off"))).isNotEqualTo(403).isNotEqualTo(401);
        assertThat(status(operator.post().uri("/emergency-stop/release"))).isEqualTo(403);
        assertThat(status(operator.post().uri("/engine/rules/activate"))).isEqualTo(403);
        assertThat(status(operator.get().uri("/api/users"))).isEqualTo(403);
    }

    @Test
    void wrongPasswordIsRefused() {
        RestClient client = TestUsers.as(port, "vera", "not-her-password")
                .defaultStatusHandler(s -> true, (req, res) -> { }).build();
        assertThat(status(client.get().uri("/victron/battery/history"))).isEqualTo(401);
    }

    @Test
    void formPostsWithoutACsrfTokenAreRejected() throws Exception {
        HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager()).build();
        signIn(browser, "otto");

        HttpResponse<String> withoutToken = browser.send(HttpRequest.newBuilder(uri("/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withoutToken.statusCode()).isEqualTo(403);

        String token = csrfToken(browser.send(HttpRequest.newBuilder(uri("/power")).header("Accept", "text/html").build(),
                HttpResponse.BodyHandlers.ofString()).body());
        HttpResponse<String> withToken = browser.send(HttpRequest.newBuilder(uri("/logout"))
                .header("Content-Type", "application/x-www-form-urlencoded").header("Accept", "text/html")
                .POST(HttpRequest.BodyPublishers.ofString("_csrf=" + token)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(withToken.statusCode()).isEqualTo(302);
        assertThat(withToken.headers().firstValue("Location").orElseThrow()).contains("/login?signedOut");
    }

    @Test
    void apiTokensWorkUntilRevoked() {
        RestClient admin = TestUsers.admin(port).build();
        JsonNode created = admin.post().uri("/api/tokens").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"home-assistant\",\"role\":\"viewer\"}").retrieve().body(JsonNode.class);
        String token = created.get("token").asString();
        long id = created.get("details").get("id").asLong();
        RestClient bearer = TestUsers.withToken(port, token).defaultStatusHandler(s -> true, (req, res) -> { }).build();

        assertThat(status(bearer.get().uri("/power/chart"))).isEqualTo(200);
        assertThat(status(bearer.post().uri("/shelly/device/miner-1/off"))).isEqualTo(403);
        JsonNode listed = admin.get().uri("/api/tokens").retrieve().body(JsonNode.class);
        assertThat(listed.toString()).contains("home-assistant").doesNotContain(token);
        assertThat(jdbc.sql("SELECT token_hash FROM security.api_tokens WHERE id = :id").param("id", id)
                .query(String.class).single()).isEqualTo(ApiTokens.sha256(token)).isNotEqualTo(token);

        admin.delete().uri("/api/tokens/{id}", id).retrieve().toBodilessEntity();

        assertThat(status(bearer.get().uri("/power/chart"))).isEqualTo(401);
        assertThat(admin.get().uri("/api/tokens").retrieve().body(JsonNode.class).get(0).get("revokedBy").asString())
                .isEqualTo(TestUsers.ADMIN);
    }

    @Test
    void changesAreRecordedUnderTheSignedInUserNotANameTheCallerSends() {
        RestClient admin = TestUsers.admin(port).build();
        admin.put().uri("/engine/tables/actor-test").contentType(MediaType.APPLICATION_JSON)
                .header("X-Requested-By", "mallory")
                .body("{\"name\":\"actor-test\",\"enabled\":false,\"rows\":[]}").retrieve().toBodilessEntity();
        try {
            assertThat(jdbc.sql("SELECT updated_by FROM engine.decision_tables WHERE name = 'actor-test'")
                    .query(String.class).single()).isEqualTo(TestUsers.ADMIN);
        } finally {
            admin.delete().uri("/engine/tables/actor-test").retrieve().toBodilessEntity();
        }
    }

    @Test
    void passwordsAreStoredHashed() {
        String hash = jdbc.sql("SELECT password_hash FROM security.users WHERE username = 'vera'").query(String.class).single();
        assertThat(hash).startsWith("{bcrypt}").doesNotContain(TestUsers.password("vera"));
    }

    @Test
    void usersRecordWhoCreatedThem() {
        RestClient admin = TestUsers.admin(port).build();
        jdbc.sql("DELETE FROM security.users WHERE username = 'newbie'").update();

        JsonNode user = admin.post().uri("/api/users").contentType(MediaType.APPLICATION_JSON)
                .body("{\"username\":\"newbie\",\"password\":\"long-enough-pw\",\"role\":\"operator\"}")
                .retrieve().body(JsonNode.class);

        assertThat(user.get("createdBy").asString()).isEqualTo(TestUsers.ADMIN);
        assertThat(user.get("role").asString()).isEqualTo("OPERATOR");
        assertThat(status(TestUsers.as(port, "newbie", "long-enough-pw")
                .defaultStatusHandler(s -> true, (req, res) -> { }).build().get().uri("/power/chart"))).isEqualTo(200);
    }

    private void signIn(HttpClient browser, String username) throws Exception {
        String token = csrfToken(browser.send(HttpRequest.newBuilder(uri("/login")).build(),
                HttpResponse.BodyHandlers.ofString()).body());
        String form = "username=" + username + "&password=" + URLEncoder.encode(TestUsers.password(username),
                StandardCharsets.UTF_8) + "&_csrf=" + token;
        HttpResponse<String> response = browser.send(HttpRequest.newBuilder(uri("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/power");
    }

    /** The CSRF token a server-rendered page carries (form field or meta tag). */
    static String csrfToken(String html) {
        Matcher m = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"|content=\"([^\"]+)\"[^>]*name=\"_csrf\"|name=\"_csrf\" content=\"([^\"]+)\"")
                .matcher(html);
        assertThat(m.find()).as("CSRF token in page").isTrue();
        return m.group(1) != null ? m.group(1) : m.group(2) != null ? m.group(2) : m.group(3);
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static int status(RestClient.RequestHeadersSpec<?> request) {
        HttpStatusCode code = request.retrieve().toBodilessEntity().getStatusCode();
        return code.value();
    }
}
