package io.commandcenter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

@IntegrationTest
class ApiDescriptionIntegrationTests {

    @LocalServerPort
    int port;

    @Test
    void servesAnOpenApiDescriptionOfTheRestApi() {
        String spec = TestUsers.admin(port).build().get().uri("/v3/api-docs")
                .retrieve().body(String.class);

        assertThat(spec).contains("\"openapi\"")
                .contains("/victron/battery/current", "/shelly/power/current", "/solark/current",
                        "/health/polling", "/shelly/device/{name}/off", "/engine/decisions");
    }
}
