package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.SimulatedDevices;
import io.commandcenter.TestUsers;
import io.commandcenter.control.EmergencyStop;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.simulation.Faults;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingsStored;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * The whole way, on the simulated site: a heater a person switched on (and so holds for an hour)
 * is switched off by the battery floor when the charge reaches critical, through the control
 * pipeline, and the action log says who did it and why.
 */
@IntegrationTest
class BatteryFloorIntegrationTests {

    @LocalServerPort int port;
    @Autowired EmbeddedSimulator simulator;
    @Autowired EmergencyStop emergencyStop;
    @Autowired ApplicationEventPublisher events;
    @Autowired JdbcClient jdbc;

    RestClient http;

    @BeforeEach
    void setUp() {
        http = TestUsers.admin(port).build();
        jdbc.sql("TRUNCATE control.action_log, control.retry_queue, control.emergency_stop").update();
        if (emergencyStop.engaged()) emergencyStop.release("test", "clean start");
        simulator.simulator().faults().set(Faults.noneAndUnlimited());
        SimulatedDevices.register(jdbc, simulator);
        simulator.simulator().state().devices().forEach(d -> simulator.simulator().model().setRelay(d.name(), false));
        battery(60);
        relays();
    }

    @AfterEach
    void tearDown() {
        battery(80); // the engine is shared with the other tests in this context
        if (emergencyStop.engaged()) emergencyStop.release("test", "done");
    }

    @Test
    void aHeaterAPersonSwitchedOnIsSwitchedOffAtCriticalDespiteTheHold() {
        Map<String, Object> on = http.post().uri("/shelly/device/water-heater/on")
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("reason", "hot water for a shower"))
                .retrieve().body(new ParameterizedTypeReference<>() { });
        assertThat(on).containsEntry("result", "SUCCEEDED");
        relays();

        battery(19.5);

        await().atMost(Duration.ofSeconds(20)).until(() -> !heaterOn());
        await().atMost(Duration.ofSeconds(20)).until(() -> floorActions().stream().anyMatch(a -> a.get("result") != null));
        assertThat(floorActions()).singleElement().satisfies(a -> {
            assertThat(a).containsEntry("requestedOn", false).containsEntry("requestedBy", "battery-floor.drl");
            assertThat(String.valueOf(a.get("reason"))).contains("19.5 %").contains("critical");
            assertThat(a).containsEntry("result", "SUCCEEDED");
        });
    }

    private List<Map<String, Object>> floorActions() {
        return http.get().uri("/shelly/actions/history?device=water-heater&source=SAFETY")
                .retrieve().body(new ParameterizedTypeReference<>() { });
    }

    private boolean heaterOn() {
        return simulator.simulator().state().device("water-heater").orElseThrow().on();
    }

    private void battery(double soc) {
        events.publishEvent(ReadingsStored.ofBattery(List.of(new BatteryReading("home", Instant.now(), soc, 52, -20, null))));
        try {
            Thread.sleep(20); // the engine keeps only the newest reading
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void relays() {
        events.publishEvent(ReadingsStored.ofDevices(simulator.simulator().state().devices().stream()
                .map(d -> new DevicePowerReading(d.name(), Instant.now(), true, d.on(), d.powerW(), d.voltage(),
                        d.currentA(), d.energyWh()))
                .toList()));
    }
}
