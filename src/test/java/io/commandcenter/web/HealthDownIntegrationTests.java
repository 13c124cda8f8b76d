package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatusCode;

/**
 * DEGRADED answers 200 by our mapping; that mapping must not turn a component that is down into a 200 a monitor
 * would read as healthy.
 */
@IntegrationTest
@Import(HealthDownIntegrationTests.Broken.class)
class HealthDownIntegrationTests {

    @TestConfiguration(proxyBeanMethods = false)
    static class Broken {
        @Bean
        HealthIndicator broken() {
            return () -> Health.down().withDetail("error", "test").build();
        }
    }

    @LocalServerPort int port;

    @Test
    void aComponentThatIsDownMakesHealthAnswer503() {
        var health = TestUsers.admin(port).defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build()
                .get().uri("/actuator/health").retrieve().toEntity(String.class);

        assertThat(health.getBody()).contains("\"status\":\"DOWN\"");
        assertThat(health.getStatusCode().value()).isEqualTo(503);
    }
}
