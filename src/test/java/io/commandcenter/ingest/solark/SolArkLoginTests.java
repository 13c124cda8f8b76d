package io.commandcenter.ingest.solark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.CloudException.Kind;
import io.commandcenter.ingest.FastCalls;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the client sends and how far it goes, against a stand-in that accepts every login and then refuses every
 * token with SolArk's HTTP 200 / code 102 answer (or its variants).
 */
class SolArkLoginTests {

    HttpServer server;
    final List<Map<String, String>> logins = new CopyOnWriteArrayList<>();
    final AtomicInteger dataCalls = new AtomicInteger();
    final Map<String, String> refusal = new ConcurrentHashMap<>();

    @BeforeEach
    void start() throws IOException {
        refusal.put("body", "{\"code\":102,\"msg\":\"token invalid or expired\",\"success\":false}");
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/oauth/token", exchange -> {
            logins.add(Map.of("origin", String.valueOf(exchange.getRequestHeaders().getFirst("Origin")),
                    "referer", String.valueOf(exchange.getRequestHeaders().getFirst("Referer"))));
            answer(exchange, "{\"code\":0,\"msg\":\"Success\",\"success\":true,\"data\":{\"access_token\":\"t"
                    + logins.size() + "\",\"refresh_token\":\"r\",\"expires_in\":604799}}");
        });
        server.createContext("/api/v1/plants", exchange -> {
            dataCalls.incrementAndGet();
            answer(exchange, refusal.get("body"));
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    SolArkClient client(URI portal) {
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new SolArkClient(base, portal, "owner@example.com", "secret", FastCalls.settings(), 100,
                Duration.ofSeconds(1), Clock.systemUTC());
    }

    @Test
    void logsInWithTheWebPortalAsOriginAndReferer() {
        assertThatThrownBy(() -> client(SolArkClient.DEFAULT_PORTAL).plants()).isInstanceOf(CloudException.class);

        assertThat(logins.get(0)).containsEntry("origin", "https://www.solarkcloud.com")
                .containsEntry("referer", "https://www.solarkcloud.com/");
    }

    @Test
    void failsThePollWithTheCloudsMessageWhenTheFreshTokenIsRefusedToo() {
        assertThatThrownBy(() -> client(SolArkClient.DEFAULT_PORTAL).plants())
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("code 102").contains("token invalid or expired");
                });
        assertThat(logins).as("the first login and exactly one fresh login").hasSize(2);
        assertThat(dataCalls).as("the call and exactly one retry").hasValue(2);
    }

    @Test
    void treatsOtherAnswersAboutADeadTokenTheSameWay() {
        for (String body : List.of("{\"code\":401,\"msg\":\"Unauthorized\",\"success\":false}",
                "{\"code\":1,\"msg\":\"Token expired, please log in again\",\"success\":false}")) {
            logins.clear();
            dataCalls.set(0);
            refusal.put("body", body);

            assertThatThrownBy(() -> client(SolArkClient.DEFAULT_PORTAL).plants())
                    .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED));
            assertThat(logins).as(body).hasSize(2);
        }
    }

    @Test
    void doesNotLogInAgainForARefusalThatIsNotAboutTheToken() {
        refusal.put("body", "{\"code\":1,\"msg\":\"Plant not found or no permission\",\"success\":false}");

        assertThatThrownBy(() -> client(URI.create("https://p2.solarkcloud.example")).plants())
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REJECTED));
        assertThat(logins).hasSize(1);
        assertThat(logins.get(0)).containsEntry("origin", "https://p2.solarkcloud.example");
    }

    private static void answer(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getRequestBody().readAllBytes();
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
