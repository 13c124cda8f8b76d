package io.commandcenter.device;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.commandcenter.TestUsers;
import io.commandcenter.ingest.IngestTest;
import io.commandcenter.simulation.EmbeddedSimulator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@IngestTest
class DeviceControllerIntegrationTests {

    @Autowired JdbcClient jdbc;
    @Autowired DeviceRegistry registry;
    @Autowired EmbeddedSimulator embedded;
    @LocalServerPort int port;

    RestClient http;

    @BeforeEach
    void emptyRegistry() {
        jdbc.sql(IngestTest.TRUNCATE).update();
        embedded.simulator().faults().clear();
        http = TestUsers.admin(port)
                .defaultStatusHandler(status -> true, (request, response) -> { })
                .build();
    }

    ResponseEntity<JsonNode> send(String method, String path, Object body) {
        var spec = http.method(org.springframework.http.HttpMethod.valueOf(method)).uri(path);
        if (body != null) {
            spec = spec.contentType(MediaType.APPLICATION_JSON).body(body);
        }
        return spec.retrieve().toEntity(JsonNode.class);
    }

    static Map<String, Object> device(String name, String cloudId, Object channel, String type) {
        var form = new java.util.LinkedHashMap<String, Object>();
        form.put("name", name);
        form.put("cloudId", cloudId);
        form.put("channel", channel);
        form.put("type", type);
        form.put("ratedPower", 1400);
        return form;
    }

    @Test
    void registersShowsListsChangesAndRemovesADevice() {
        var created = send("POST", "/devices", device("miner-7", "a1b2c3d4e5f6", 0, "miner"));
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getHeaders().getLocation()).hasPath("/api/v1/devices/miner-7");
        assertThat(created.getBody().path("type").asString()).isEqualTo("MINER");

        assertThat(send("GET", "/devices/miner-7", null).getBody().path("cloudId").asString()).isEqualTo("a1b2c3d4e5f6");
        assertThat(send("GET", "/devices", null).getBody()).hasSize(1);

        var changed = send("PUT", "/devices/miner-7", Map.of("name", "garage-miner", "ratedPower", 3250));
        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(changed.getBody().path("name").asString()).isEqualTo("garage-miner");
        assertThat(changed.getBody().path("ratedPower").asDouble()).isEqualTo(3250);
        assertThat(changed.getBody().path("type").asString()).as("kept").isEqualTo("MINER");
        assertThat(send("GET", "/devices/miner-7", null).getStatusCode().value()).isEqualTo(404);

        assertThat(send("DELETE", "/devices/garage-miner", null).getStatusCode().value()).isEqualTo(204);
        assertThat(registry.findAll()).isEmpty();
        assertThat(send("DELETE", "/devices/garage-miner", null).getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void rejectsAnInvalidDeviceWithFieldErrors() {
        var response = send("POST", "/devices", device("Miner 1", "", -1, "toaster"));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        JsonNode errors = response.getBody().path("errors");
        assertThat(errors.propertyNames()).containsExactlyInAnyOrder("name", "cloudId", "channel", "type");
        assertThat(registry.findAll()).isEmpty();
    }

    @Test
    void refusesASecondDeviceOnTheSameRelay() {
        send("POST", "/devices", device("miner-1", "a1b2c3d4e5f6", 0, "MINER"));

        var response = send("POST", "/devices", device("miner-2", "a1b2c3d4e5f6", 0, "MINER"));

        assertThat(response.getStatusCode().value()).isEqualTo(409);
        assertThat(response.getBody().path("detail").asString()).contains("already registered as miner-1");
    }

    @Test
    void unknownDeviceIsAProblem404() {
        var response = send("GET", "/devices/nope", null);

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getBody().path("type").asString()).endsWith("/unknown-device");
    }

    @Test
    void importsAllRowsTogether() {
        var response = send("POST", "/devices/import", List.of(
                device("miner-1", "a1", 0, "MINER"), device("pump", "a2", 0, "PUMP"), device("pump-2", "a2", 1, null)));

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        assertThat(registry.findAll()).extracting(Device::name).containsExactly("miner-1", "pump", "pump-2");
        assertThat(registry.findByName("pump-2").orElseThrow().type()).isEqualTo(DeviceType.OTHER);
    }

    @Test
    void importsNothingWhenAnyRowIsBadAndListsTheBadRows() {
        send("POST", "/devices", device("heater", "b9", 0, "HEATER"));

        var response = send("POST", "/devices/import", List.of(
                device("miner-1", "a1", 0, "MINER"),
                device("BAD NAME", "a2", 0, "MINER"),
                device("miner-3", "a1", 0, "MINER"),
                device("heater", "b8", 0, "HEATER")));

        assertThat(response.getStatusCode().value()).isEqualTo(400);
        JsonNode rows = response.getBody().path("rows");
        assertThat(rows).hasSize(3);
        assertThat(rows.get(0).path("index").asInt()).isEqualTo(1);
        assertThat(rows.get(0).path("errors").has("name")).isTrue();
        assertThat(rows.get(1).path("index").asInt()).isEqualTo(2);
        assertThat(rows.get(1).path("errors").path("cloudId").asString()).contains("twice");
        assertThat(rows.get(2).path("errors").path("name").asString()).contains("already registered");
        assertThat(registry.findAll()).extracting(Device::name).containsExactly("heater");
    }

    @Test
    void registersChangesAndKeepsTheEssentialFlag() {
        var fridge = device("fridge", "f1", 0, "OTHER");
        fridge.put("essential", true);
        var created = send("POST", "/devices", fridge);
        assertThat(created.getStatusCode().value()).isEqualTo(201);
        assertThat(created.getBody().path("essential").asBoolean()).isTrue();
        assertThat(send("POST", "/devices", device("miner-1", "m1", 0, "MINER")).getBody().path("essential").isBoolean())
                .as("present, false when omitted").isTrue();
        assertThat(registry.findByName("miner-1").orElseThrow().essential()).isFalse();

        var renamed = send("PUT", "/devices/fridge", Map.of("name", "kitchen-fridge"));
        assertThat(renamed.getBody().path("essential").asBoolean()).as("kept when left out").isTrue();

        var changed = send("PUT", "/devices/kitchen-fridge", Map.of("essential", false));
        assertThat(changed.getStatusCode().value()).isEqualTo(200);
        assertThat(changed.getBody().path("essential").asBoolean()).isFalse();
        assertThat(send("PUT", "/devices/miner-1", Map.of("essential", true)).getBody().path("essential").asBoolean())
                .isTrue();
        assertThat(registry.findByName("kitchen-fridge").orElseThrow().essential()).isFalse();
        assertThat(registry.findByName("miner-1").orElseThrow().essential()).isTrue();
    }

    @Test
    void importsTheEssentialFlagAndFalseWhereItIsLeftOut() {
        var pump = device("well-pump", "w1", 0, "PUMP");
        pump.put("essential", true);

        var response = send("POST", "/devices/import", List.of(pump, device("heater", "h1", 0, "HEATER")));

        assertThat(response.getStatusCode().value()).isEqualTo(201);
        assertThat(registry.findByName("well-pump").orElseThrow().essential()).isTrue();
        assertThat(registry.findByName("heater").orElseThrow().essential()).isFalse();
    }

    @Test
    void refusesAnEssentialFlagThatIsNotABooleanNamingTheField() {
        send("POST", "/devices", device("fridge", "f1", 0, "OTHER"));
        var bad = device("pump", "p1", 0, "PUMP");
        bad.put("essential", "yes");

        for (var response : List.of(send("PUT", "/devices/fridge", Map.of("essential", "yes")),
                send("PUT", "/devices/fridge", Map.of("essential", 1)),
                send("POST", "/devices", bad))) {
            assertThat(response.getStatusCode().value()).isEqualTo(400);
            assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
            assertThat(response.getBody().path("invalidParams")).extracting(p -> p.path("field").asString())
                    .containsExactly("essential");
            assertThat(response.getBody().path("detail").asString()).contains("essential");
        }
        var imported = send("POST", "/devices/import", List.of(device("heater", "h1", 0, "HEATER"), bad));
        assertThat(imported.getStatusCode().value()).isEqualTo(400);
        assertThat(imported.getBody().path("invalidParams")).extracting(p -> p.path("field").asString())
                .singleElement().asString().endsWith("essential");
        assertThat(registry.findAll()).extracting(Device::name).containsExactly("fridge");
        assertThat(registry.findByName("fridge").orElseThrow().essential()).isFalse();
    }

    @Test
    void discoversCloudRelaysOnceAndReportsKnownOnesAfterwards() {
        send("POST", "/devices", device("my-pump", "c8f09e4a5b60", 0, "PUMP"));

        var first = send("POST", "/devices/discover", null);

        assertThat(first.getStatusCode().value()).isEqualTo(200);
        assertThat(first.getBody().path("added")).extracting(n -> n.path("name").asString())
                .containsExactlyInAnyOrder("miner-1", "miner-2", "water-heater");
        assertThat(first.getBody().path("known")).extracting(n -> n.path("name").asString()).containsExactly("my-pump");

        var second = send("POST", "/devices/discover", null);
        assertThat(second.getBody().path("added")).isEmpty();
        assertThat(second.getBody().path("known")).hasSize(4);
    }
}
