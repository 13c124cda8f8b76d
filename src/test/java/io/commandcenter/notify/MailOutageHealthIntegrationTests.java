package io.commandcenter.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.ServerSocket;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ResponseEntity;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/** Mail pointed at a port where nothing listens: the app stays up (HTTP 200), mail shows as degraded. */
@IntegrationTest
class MailOutageHealthIntegrationTests {

    @DynamicPropertySource
    static void closedMailPort(DynamicPropertyRegistry registry) throws IOException {
        int closed;
        try (ServerSocket socket = new ServerSocket(0)) {
            closed = socket.getLocalPort();
        }
        int port = closed;
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> port);
    }

    @LocalServerPort int port;

    @Test
    void anSmtpOutageIsADegradedComponentNotTheAppDown() {
        ResponseEntity<JsonNode> health = TestUsers.admin(port)
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build()
                .get().uri("/actuator/health").retrieve().toEntity(JsonNode.class);

        assertThat(health.getStatusCode().value()).as("%s", health.getBody()).isEqualTo(200);
        JsonNode body = health.getBody();
        assertThat(body.get("status").asString()).isEqualTo("DEGRADED");
        assertThat(body.at("/components/mail/status").asString()).isEqualTo("DEGRADED");
        assertThat(body.at("/components/mail/details/error").asString()).isNotBlank();
        assertThat(body.at("/components/sms/status").asString()).isEqualTo("UP");
        assertThat(body.at("/components/model/status").asString()).isEqualTo("UP");
        assertThat(body.at("/components/db/status").asString()).isEqualTo("UP");
    }
}
