package io.commandcenter;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;

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
                        "/health/polling", "/shelly/device/{name}/off", "/engine/decisions")
                .contains("/api/v1/engine/decisions", "/api/v1/preferences", "/api/v1/users");
    }

    @Test
    void marksTheUnversionedAliasesDeprecated() {
        JsonNode paths = TestUsers.admin(port).build().get().uri("/v3/api-docs")
                .retrieve().body(JsonNode.class).get("paths");

        assertThat(paths.get("/engine/decisions").get("get").path("deprecated").asBoolean()).isTrue();
        assertThat(paths.get("/api/users").get("post").path("deprecated").asBoolean()).isTrue();
        assertThat(paths.get("/api/v1/engine/decisions").get("get").path("deprecated").asBoolean()).isFalse();
        assertThat(paths.get("/webhooks/twilio/sms").get("post").path("deprecated").asBoolean()).isFalse();
    }

    @Test
    void groupsTheDescriptionByVersion() {
        JsonNode v1 = TestUsers.admin(port).build().get().uri("/v3/api-docs/v1").retrieve().body(JsonNode.class);
        JsonNode deprecated = TestUsers.admin(port).build().get().uri("/v3/api-docs/deprecated")
                .retrieve().body(JsonNode.class);

        assertThat(v1.get("paths").propertyNames()).isNotEmpty().allMatch(p -> p.startsWith("/api/v1/"))
                .contains("/api/v1/engine/decisions", "/api/v1/simulations", "/api/v1/tokens/{id}");
        assertThat(deprecated.get("paths").propertyNames()).isNotEmpty().noneMatch(p -> p.startsWith("/api/v1/"))
                .contains("/engine/decisions", "/simulations", "/api/tokens/{id}")
                .doesNotContain("/webhooks/twilio/sms", "/setup/connections/{source}", "/power/chart",
                        "/approvals/{id}/{decision}");
    }

    @Test
    void swaggerUiOpensOnV1() {
        JsonNode config = TestUsers.admin(port).build().get().uri("/v3/api-docs/swagger-config")
                .retrieve().body(JsonNode.class);

        assertThat(config.get("urls.primaryName").asString()).isEqualTo("v1");
    }
}
