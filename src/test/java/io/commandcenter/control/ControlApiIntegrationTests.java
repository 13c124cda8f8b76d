package io.commandcenter.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.commandcenter.TestUsers;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.sitemodel.Faults;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingsStored;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** The control REST API as a site owner's script would use it. */
@ControlIntegrationTest
class ControlApiIntegrationTests {

    @LocalServerPort int port;
    @Autowired EmbeddedSimulator simulator;
    @Autowired EmergencyStopSwitch emergencyStop;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;
    @Autowired ApplicationEventPublisher events;

    RestClient http;

    @BeforeEach
    void setUp() {
        http = TestUsers.admin(port).build();
        jdbc.sql("TRUNCATE control.action_log, control.retry_queue, control.emergency_stop").update();
        if (emergencyStop.engaged()) emergencyStop.release("test", "clean start");
        simulator.simulator().faults().set(Faults.noneAndUnlimited());
        io.commandcenter.SimulatedDevices.register(jdbc, simulator);
        simulator.simulator().model().setRelay("miner-1", true);
        events.publishEvent(ReadingsStored.ofDevices(simulator.simulator().state().devices().stream()
                .map(d -> new DevicePowerReading(d.name(), clock.instant(), true, d.on(), d.powerW(), d.voltage(),
                        d.currentA(), d.energyWh()))
                .toList()));
    }

    @AfterEach
    void tearDown() {
        if (emergencyStop.engaged()) emergencyStop.release("test", "done");
    }

    @Test
    void turnsAMinerOffAndShowsItInHistory() {
        Map<String, Object> outcome = http.post().uri("/shelly/device/miner-1/off")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "too hot"))
                .retrieve().body(new ParameterizedTypeReference<>() { });

        assertThat(outcome).containsEntry("result", "SUCCEEDED").containsEntry("finalOn", false);
        assertThat(simulator.simulator().state().device("miner-1").orElseThrow().powerW()).isZero();

        List<Map<String, Object>> history = http.get().uri("/shelly/actions/history?device=miner-1&source=MANUAL")
                .retrieve().body(new ParameterizedTypeReference<>() { });
        assertThat(history).hasSize(1);
        assertThat(history.get(0)).containsEntry("reason", "too hot").containsEntry("result", "SUCCEEDED")
                .containsEntry("requestedBy", TestUsers.ADMIN);
    }

    @Test
    void answersAFailedCommandWithBadGatewayAndTheStateItLeft() {
        simulator.simulator().faults().set(Faults.noneAndUnlimited().withRelayIgnoreProbability(1.0));

        var response = http.post().uri("/shelly/device/miner-1/off").retrieve()
                .onStatus(HttpStatusCode::isError, (req, res) -> { })
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() { });

        assertThat(response.getStatusCode().value()).isEqualTo(502);
        assertThat(response.getHeaders().getContentType().toString()).contains("application/problem+json");
        assertThat(response.getBody()).containsEntry("result", "FAILED").containsEntry("finalState", "on");
    }

    @Test
    void refusesAnUnknownDevice() {
        var response = http.post().uri("/shelly/device/no-such-thing/on").retrieve()
                .onStatus(HttpStatusCode::isError, (req, res) -> { })
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() { });

        assertThat(response.getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void emergencyStopNeedsAReasonAndIsReported() {
        var noReason = http.post().uri("/emergency-stop").contentType(MediaType.APPLICATION_JSON).body(Map.of())
                .retrieve().onStatus(HttpStatusCode::isError, (req, res) -> { })
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() { });
        assertThat(noReason.getStatusCode().value()).isEqualTo(400);

        Map<String, Object> engaged = http.post().uri("/emergency-stop").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("who", "dave", "why", "fire drill")).retrieve()
                .body(new ParameterizedTypeReference<>() { });
        assertThat(engaged).containsEntry("engaged", true).containsEntry("why", "fire drill");
        assertThat(http.get().uri("/emergency-stop").retrieve().body(Map.class)).containsEntry("engaged", true);

        http.post().uri("/emergency-stop/release").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("who", "dave", "why", "drill over")).retrieve().toBodilessEntity();
        assertThat(http.get().uri("/emergency-stop").retrieve().body(Map.class)).containsEntry("engaged", false);

        java.util.List<Map<String, Object>> history = http.get().uri("/api/v1/emergency-stop/history?limit=2")
                .retrieve().body(new ParameterizedTypeReference<>() { });
        assertThat(history).as("released, the stop is still on record, newest first").hasSize(2);
        assertThat(history.get(0)).containsEntry("engaged", false).containsEntry("why", "drill over");
        assertThat(history.get(1)).containsEntry("engaged", true).containsEntry("why", "fire drill");
        assertThat(http.get().uri("/health/stop-history").retrieve().body(String.class))
                .contains("Emergency stop history", "fire drill", "drill over", "released");
    }

    @Test
    void retriesAFinishedActionAsANewManualAction() {
        simulator.simulator().faults().set(Faults.noneAndUnlimited().withRelayIgnoreProbability(1.0));
        var failed = http.post().uri("/shelly/device/miner-1/off").retrieve()
                .onStatus(HttpStatusCode::isError, (req, res) -> { })
                .toEntity(new ParameterizedTypeReference<Map<String, Object>>() { });
        String actionId = String.valueOf(failed.getBody().get("actionId"));
        simulator.simulator().faults().set(Faults.noneAndUnlimited());

        Map<String, Object> retried = http.post().uri("/control/actions/" + actionId + "/retry").retrieve()
                .body(new ParameterizedTypeReference<>() { });

        assertThat(retried).containsEntry("result", "SUCCEEDED");
        assertThat(retried.get("actionId")).isNotEqualTo(actionId);
    }
}
