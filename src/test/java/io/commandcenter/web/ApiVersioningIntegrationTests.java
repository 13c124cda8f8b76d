package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.web.access.WebInvocationPrivilegeEvaluator;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.client.RestClient;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;

/** Every REST endpoint under /api/v1; the unversioned paths answer alike and say they are deprecated. */
@IntegrationTest
class ApiVersioningIntegrationTests {

    private static final String SUCCESSOR = "successor-version";

    @LocalServerPort int port;
    @Autowired UserAccounts accounts;
    @Autowired WebInvocationPrivilegeEvaluator privileges;
    @Autowired @Qualifier("requestMappingHandlerMapping") RequestMappingHandlerMapping mappings;

    @BeforeEach
    void setUp() {
        TestUsers.ensure(accounts, "vera", Role.VIEWER);
        TestUsers.ensure(accounts, "otto", Role.OPERATOR);
    }

    @Test
    void aliasAnswersLikeItsVersionedPathAndSaysItIsDeprecated() {
        RestClient admin = TestUsers.admin(port).build();

        for (String alias : List.of("/preferences", "/engine/tables", "/site-modes", "/emergency-stop")) {
            ResponseEntity<JsonNode> old = admin.get().uri(alias).retrieve().toEntity(JsonNode.class);
            ResponseEntity<JsonNode> versioned = admin.get().uri("/api/v1" + alias).retrieve().toEntity(JsonNode.class);

            assertThat(old.getStatusCode().value()).as(alias).isEqualTo(200);
            assertThat(old.getBody()).as(alias).isEqualTo(versioned.getBody());
            assertThat(old.getHeaders().getFirst("Deprecation")).as(alias).isEqualTo("@1796342400");
            assertThat(old.getHeaders().getFirst("Sunset")).as(alias).isEqualTo("Sat, 04 Dec 2027 00:00:00 GMT");
            assertThat(old.getHeaders().get(HttpHeaders.LINK)).as(alias)
                    .containsExactly("</api/v1" + alias + ">; rel=\"" + SUCCESSOR + "\"");
            assertNotDeprecated(versioned);
        }
    }

    @Test
    void accountsApiKeepsItsNameUnderV1() {
        RestClient admin = TestUsers.admin(port).build();

        ResponseEntity<String> old = admin.get().uri("/api/users").retrieve().toEntity(String.class);
        ResponseEntity<String> versioned = admin.get().uri("/api/v1/users").retrieve().toEntity(String.class);

        assertThat(old.getBody()).isEqualTo(versioned.getBody()).contains("\"vera\"");
        assertThat(old.getHeaders().getFirst(HttpHeaders.LINK)).isEqualTo("</api/v1/users>; rel=\"" + SUCCESSOR + "\"");
        assertNotDeprecated(versioned);
    }

    @Test
    void problemAnswersOnAnAliasCarryTheHeadersToo() {
        RestClient admin = TestUsers.admin(port).defaultStatusHandler(s -> true, (req, res) -> { }).build();

        ResponseEntity<JsonNode> old = admin.get().uri("/devices/no-such-relay").retrieve().toEntity(JsonNode.class);
        ResponseEntity<JsonNode> versioned = admin.get().uri("/api/v1/devices/no-such-relay").retrieve()
                .toEntity(JsonNode.class);

        assertThat(old.getStatusCode().value()).isEqualTo(404);
        assertThat(old.getHeaders().getContentType()).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        assertThat(old.getBody().get("type")).isEqualTo(versioned.getBody().get("type"));
        assertThat(old.getBody().get("detail")).isEqualTo(versioned.getBody().get("detail"));
        assertThat(old.getHeaders().getFirst("Deprecation")).isEqualTo(ApiVersioning.DEPRECATION);
        assertThat(old.getHeaders().getFirst(HttpHeaders.LINK))
                .isEqualTo("</api/v1/devices/no-such-relay>; rel=\"" + SUCCESSOR + "\"");
        assertThat(versioned.getStatusCode().value()).isEqualTo(404);
        assertNotDeprecated(versioned);
    }

    @Test
    void unknownVersionedPathIsAProblem404() {
        RestClient admin = TestUsers.admin(port).defaultStatusHandler(s -> true, (req, res) -> { }).build();

        for (String path : List.of("/api/v1/nothing-here", "/api/v1/engine/nothing-here", "/api/v2/engine/rules")) {
            ResponseEntity<JsonNode> response = admin.get().uri(path).accept(MediaType.APPLICATION_JSON)
                    .retrieve().toEntity(JsonNode.class);

            assertThat(response.getStatusCode().value()).as(path).isEqualTo(404);
            assertThat(response.getHeaders().getContentType()).as(path).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
            assertThat(response.getBody().get("status").asInt()).as(path).isEqualTo(404);
            assertNotDeprecated(response);
        }
    }

    @Test
    void pagesAndSignedLinksAreNotAliases() {
        RestClient viewer = TestUsers.as(port, "vera").defaultStatusHandler(s -> true, (req, res) -> { }).build();

        ResponseEntity<String> page = viewer.get().uri("/simulations").accept(MediaType.TEXT_HTML)
                .retrieve().toEntity(String.class);
        ResponseEntity<String> list = viewer.get().uri("/simulations").accept(MediaType.APPLICATION_JSON)
                .retrieve().toEntity(String.class);

        assertThat(page.getHeaders().getContentType().isCompatibleWith(MediaType.TEXT_HTML)).isTrue();
        assertNotDeprecated(page);
        assertThat(list.getHeaders().getFirst("Deprecation")).isEqualTo(ApiVersioning.DEPRECATION);
        assertNotDeprecated(viewer.get().uri("/power/chart").retrieve().toEntity(String.class));
    }

    @Test
    void viewerCannotChangeAnythingThroughVersionedPaths() {
        RestClient viewer = TestUsers.as(port, "vera").defaultStatusHandler(s -> true, (req, res) -> { }).build();

        assertThat(status(viewer.post().uri("/api/v1/shelly/device/miner-1/off"))).isEqualTo(403);
        assertThat(status(viewer.post().uri("/api/v1/emergency-stop"))).isEqualTo(403);
        assertThat(status(viewer.post().uri("/api/v1/approvals/00000000-0000-0000-0000-000000000000/approve")))
                .isEqualTo(403);
        assertThat(status(viewer.put().uri("/api/v1/engine/locks/miner-1"))).isEqualTo(403);
        assertThat(status(viewer.post().uri("/api/v1/site-modes/active"))).isEqualTo(403);
        assertThat(status(viewer.post().uri("/api/v1/simulations").contentType(MediaType.APPLICATION_JSON)
                .body("{}"))).isEqualTo(403);
        assertThat(status(viewer.put().uri("/api/v1/preferences").contentType(MediaType.APPLICATION_JSON)
                .body("{}"))).isEqualTo(403);
        assertThat(status(viewer.post().uri("/api/v1/engine/rules/activate"))).isEqualTo(403);
        assertThat(status(viewer.post().uri("/api/v1/tokens").contentType(MediaType.APPLICATION_JSON)
                .body("{\"name\":\"x\"}"))).isEqualTo(403);
        assertThat(status(viewer.get().uri("/api/v1/victron/battery/history"))).isEqualTo(200);
    }

    @Test
    void operatorCannotDoAnAdminsWorkThroughVersionedPaths() {
        RestClient operator = TestUsers.as(port, "otto").defaultStatusHandler(s -> true, (req, res) -> { }).build();

        assertThat(status(operator.post().uri("/api/v1/emergency-stop/release"))).isEqualTo(403);
        assertThat(status(operator.post().uri("/api/v1/engine/rules/activate"))).isEqualTo(403);
        assertThat(status(operator.get().uri("/api/v1/users"))).isEqualTo(403);
        assertThat(status(operator.put().uri("/api/v1/site-modes/storm-prep").contentType(MediaType.APPLICATION_JSON)
                .body("{}"))).isEqualTo(403);
        // Not 403: the request passes security (the control feature answers it, or 404 before it lands).
        assertThat(status(operator.post().uri("/api/v1/shelly/device/no-such-relay/off"))).isNotIn(401, 403);
    }

    @Test
    void versionedAndAliasPathsAreAuthorizedAlike() {
        List<String> checked = new ArrayList<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<String> patterns = info.getPatternValues();
            Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
            for (String alias : patterns) {
                if (alias.startsWith("/api/v1/") || patterns.stream().noneMatch(p -> p.startsWith("/api/v1/"))) {
                    continue;
                }
                String versioned = ApiVersioning.successor(alias);
                assertThat(patterns).as("the twin of " + alias).contains(versioned);
                for (RequestMethod method : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
                    for (Role role : Role.values()) {
                        Authentication user = UsernamePasswordAuthenticationToken.authenticated("someone", null,
                                List.of(new SimpleGrantedAuthority(role.authority())));
                        assertThat(allowed(versioned, method, user)).as(role + " " + method + " " + versioned)
                                .isEqualTo(allowed(alias, method, user));
                    }
                    checked.add(method + " " + alias);
                }
            }
        });
        assertThat(checked).contains("POST /shelly/device/{name}/off", "PUT /engine/locks/{device}",
                "POST /approvals/{id}/approve", "POST /site-modes/active", "DELETE /api/tokens/{id}",
                "POST /agents/chat", "POST /emergency-stop/release", "PUT /preferences");
    }

    @Test
    void everyRestEndpointAnswersUnderV1() {
        Set<String> unversioned = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<String> patterns = info.getPatternValues();
            if (isOurRestEndpoint(handler) && patterns.stream().noneMatch(p -> p.startsWith("/api/v1/"))) {
                unversioned.addAll(patterns);
            }
        });
        // Not REST API: the Twilio webhook, signed approval links, the setup page's test button, the power
        // page's chart data.
        assertThat(unversioned).containsExactlyInAnyOrder("/webhooks/twilio/sms",
                "/approvals/{id}/{decision:approve|reject}", "/setup/connections/{source}", "/power/chart");
    }

    @Test
    void pageScriptsCallNoDeprecatedPath() throws IOException {
        Set<String> aliasPrefixes = new TreeSet<>();
        mappings.getHandlerMethods().forEach((info, handler) -> {
            Set<String> patterns = info.getPatternValues();
            if (patterns.stream().anyMatch(p -> p.startsWith("/api/v1/"))) {
                // up to the first variable: '/engine/tables/' + name is a call of /engine/tables/{name}
                patterns.stream().filter(p -> !p.startsWith("/api/v1/")).map(p -> p.replaceAll("\\{.*$", ""))
                        .forEach(aliasPrefixes::add);
            }
        });
        List<String> calls = new ArrayList<>();
        for (Resource script : new PathMatchingResourcePatternResolver().getResources("classpath:static/js/*.js")) {
            Matcher literal = Pattern.compile("'(/[^'\\s]*)'").matcher(script.getContentAsString(StandardCharsets.UTF_8));
            while (literal.find()) {
                String path = literal.group(1);
                calls.add(path);
                assertThat(aliasPrefixes).as(script.getFilename() + " calls " + path).noneMatch(path::startsWith);
            }
        }
        assertThat(calls).contains("/api/v1/engine/tables", "/api/v1/preferences", "/api/v1/agents/chat");
    }

    private static boolean isOurRestEndpoint(HandlerMethod handler) {
        return handler.getBeanType().getPackageName().startsWith("io.commandcenter")
                && (AnnotatedElementUtils.hasAnnotation(handler.getBeanType(), ResponseBody.class)
                    || handler.hasMethodAnnotation(ResponseBody.class));
    }

    private boolean allowed(String pattern, RequestMethod method, Authentication user) {
        return privileges.isAllowed("", pattern.replaceAll("\\{[^}]*}", "x"), method.name(), user);
    }

    private static void assertNotDeprecated(ResponseEntity<?> response) {
        assertThat(response.getHeaders().get("Deprecation")).isNull();
        assertThat(response.getHeaders().get("Sunset")).isNull();
        assertThat(response.getHeaders().get(HttpHeaders.LINK)).isNull();
    }

    private static int status(RestClient.RequestHeadersSpec<?> request) {
        return request.retrieve().toBodilessEntity().getStatusCode().value();
    }
}
