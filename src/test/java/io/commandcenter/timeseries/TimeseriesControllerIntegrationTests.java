package io.commandcenter.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

@IntegrationTest
class TimeseriesControllerIntegrationTests {

    @LocalServerPort int port;
    @Autowired ReadingWriter writer;
    @Autowired JdbcClient jdbc;

    RestClient http;
    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    @BeforeEach
    void setUp() {
        TimeseriesTables.truncate(jdbc);
        jdbc.sql("TRUNCATE shelly.devices").update();
        http = TestUsers.admin(port)
                .defaultStatusHandler(status -> true, (request, response) -> { }).build();
    }

    @Test
    void answers404ProblemBeforeTheFirstReading() {
        ResponseEntity<JsonNode> response = get("/victron/battery/current");

        assertThat(response.getStatusCode().value()).isEqualTo(404);
        assertThat(response.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(response.getBody().get("type").asString()).endsWith("/no-reading");
    }

    @Test
    void servesTheLatestBatteryReadingUnderBothPaths() {
        writer.storeBattery(List.of(new BatteryReading("home", now.minusSeconds(60), 80, 52, 10, null),
                new BatteryReading("home", now, 81.5, 52.4, -3, 20.0)));

        for (String path : List.of("/victron/battery/current", "/api/v1/victron/battery/current")) {
            JsonNode body = get(path).getBody();
            assertThat(body.get("soc").asDouble()).isEqualTo(81.5);
            assertThat(body.get("current").asDouble()).isEqualTo(-3);
            assertThat(Instant.parse(body.get("at").asString())).isEqualTo(now);
        }
    }

    @Test
    void servesBatteryHistoryWithTheChosenResolution() {
        writer.storeBattery(List.of(new BatteryReading("home", now.minusSeconds(120), 80, 52, 10, null),
                new BatteryReading("home", now.minusSeconds(60), 81, 52, 10, null)));

        JsonNode body = get("/victron/battery/history?resolution=raw").getBody();

        assertThat(body.get("resolution").asString()).isEqualTo("RAW");
        assertThat(body.get("points")).hasSize(2);
        assertThat(body.get("points").get(1).get("soc").get("max").asDouble()).isEqualTo(81.0);
        assertThat(get("/api/v1/victron/battery/history?resolution=day").getBody().get("points")).isEmpty();
    }

    @Test
    void servesEveryRelayIncludingRegisteredOnesWithoutReadings() {
        jdbc.sql("INSERT INTO shelly.devices (name, cloud_id) VALUES ('miner-1', 'a1'), ('pump', 'b2')").update();
        writer.storeDevices(List.of(new DevicePowerReading("miner-1", now, true, true, 1398.2, 236.2, 5.9, 10.0)));

        JsonNode body = get("/shelly/power/current").getBody();

        assertThat(body).hasSize(2);
        assertThat(body.get(0).get("device").asString()).isEqualTo("miner-1");
        assertThat(body.get(0).get("online").asBoolean()).isTrue();
        assertThat(body.get(0).get("on").asBoolean()).isTrue();
        assertThat(body.get(0).get("watts").asDouble()).isEqualTo(1398.2);
        assertThat(body.get(1).get("device").asString()).isEqualTo("pump");
        assertThat(body.get(1).get("watts").isNull()).isTrue();
    }

    @Test
    void servesDeviceHistoryAndAnswers404ForAnUnknownDevice() {
        jdbc.sql("INSERT INTO shelly.devices (name, cloud_id) VALUES ('miner-1', 'a1')").update();
        writer.storeDevices(List.of(new DevicePowerReading("miner-1", now.minusSeconds(30), true, true, 100.0, null,
                null, null)));

        assertThat(get("/shelly/device/miner-1/history").getBody().get("points")).hasSize(1);
        ResponseEntity<JsonNode> unknown = get("/api/v1/shelly/device/nobody/history");
        assertThat(unknown.getStatusCode().value()).isEqualTo(404);
        assertThat(unknown.getBody().get("type").asString()).endsWith("/unknown-device");
    }

    @Test
    void servesSolarCurrentAndHistory() {
        writer.storeSolar(List.of(new SolarReading("home", now, 3200, 500, -100, 2600, 75)));

        assertThat(get("/solark/current").getBody().get("pvPower").asDouble()).isEqualTo(3200);
        assertThat(get("/api/v1/solark/history").getBody().get("points").get(0).get("grid").get("avg").asDouble())
                .isEqualTo(-100);
    }

    @Test
    void saysWhenTheInverterFlowIsStaleAndSinceWhenItHasNotChanged() {
        Instant changed = now.minusSeconds(1200);
        writer.storeSolar(List.of(new SolarReading("home", now, 3200, 500, -100, 2600, 75, true, changed)));

        JsonNode current = get("/solark/current").getBody();
        assertThat(current.get("stale").asBoolean()).isTrue();
        assertThat(Instant.parse(current.get("lastChanged").asString())).isEqualTo(changed);
        assertThat(get("/api/v1/solark/history?from=" + now.minusSeconds(3600)).getBody().get("points"))
                .as("frozen numbers are not history").isEmpty();

        String cards = http.get().uri("/power/cards").retrieve().body(String.class);
        assertThat(cards).contains("card stale").contains(">stale<")
                .contains("unchanged since " + java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                        .withZone(java.time.ZoneOffset.UTC).format(changed) + " UTC");
    }

    @Test
    void greysOutAnUnknownRelayWithNoNumbersAndSaysSinceWhenThereIsNoData() {
        Instant seen = now.minusSeconds(1800);
        jdbc.sql("INSERT INTO shelly.devices (name, cloud_id, type, online, last_seen) VALUES ('miner-1', 'b48a0a1c2d3e', 'MINER', false, :seen)")
                .param("seen", java.sql.Timestamp.from(seen)).update();
        writer.storeDevices(List.of(new DevicePowerReading("miner-1", now, false, null, null, null, null, null)));

        String cards = http.get().uri("/power/cards").retrieve().body(String.class);

        assertThat(cards).contains("card device offline").contains(">offline<")
                .contains("no data since " + java.time.format.DateTimeFormatter.ofPattern("HH:mm")
                        .withZone(java.time.ZoneOffset.UTC).format(seen) + " UTC")
                .doesNotContain(">on<").doesNotContain(">off<");
    }

    @Test
    void showsACurrentInverterFlowWithoutAStaleMark() {
        writer.storeSolar(List.of(new SolarReading("home", now, 3200, 500, -100, 2600, 75)));

        assertThat(get("/solark/current").getBody().get("stale").asBoolean(true)).isFalse();
        assertThat(http.get().uri("/power/cards").retrieve().body(String.class)).doesNotContain(">stale<")
                .contains("from the panels");
    }

    @Test
    void servesGapsPerSource() {
        JsonNode body = get("/timeseries/gaps?source=solark&from=" + now.minusSeconds(3600)).getBody();

        assertThat(body).hasSize(1);
        assertThat(body.get(0).get("source").asString()).isEqualTo("SOLARK");
    }

    @Test
    void answers400ForBadParameters() {
        assertBadRequest("/victron/battery/history?from=2026-05-02&to=2026-05-01", "bad-window");
        assertBadRequest("/solark/history?resolution=minute", "unknown-resolution");
        assertBadRequest("/api/v1/victron/battery/history?from=yesterday", "bad-time");
        assertBadRequest("/timeseries/gaps?source=tesla", "unknown-source");
        assertBadRequest("/timeseries/gaps?minGap=soon", "bad-duration");
    }

    private void assertBadRequest(String path, String type) {
        ResponseEntity<JsonNode> response = get(path);
        assertThat(response.getStatusCode().value()).as(path).isEqualTo(400);
        assertThat(response.getBody().get("type").asString()).as(path).endsWith("/" + type);
    }

    private ResponseEntity<JsonNode> get(String path) {
        return http.get().uri(path).retrieve().toEntity(JsonNode.class);
    }
}
