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
import io.commandcenter.control.EmergencyStopSwitch;
import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureFlags;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.sitemodel.Faults;
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
    @Autowired EmergencyStopSwitch emergencyStop;
    @Autowired ApplicationEventPublisher events;
    @Autowired JdbcClient jdbc;
    @Autowired io.commandcenter.approval.ApprovalService approvals;
    @Autowired FeatureFlags flags;

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

    /**
     * The owner asked the agent "should I switch miner-2 off?" and has not answered: the suggestion
     * waits, starts no cooldown, and the miners' own pause still comes at once when the charge drops.
     */
    @Test
    void anUnansweredAgentSuggestionDoesNotDelayThePause() {
        jdbc.sql("DELETE FROM notify.settings").update(); // confirmation mode NEVER: the pause runs at once
        // A name no other test in this application has switched, so no earlier cooldown is in force.
        String miner = "miner-2-" + Long.toString(System.nanoTime(), 36);
        jdbc.sql("UPDATE shelly.devices SET name = :n WHERE name = 'miner-2'").param("n", miner).update();
        events.publishEvent(new io.commandcenter.device.DevicesChanged()); // as the registry does: the engine reloads it
        simulator.simulator().model().setRelay("miner-2", true);
        relays(miner);

        var pending = approvals.propose(ActionRequest.of(miner, false, Source.AGENT, "site agent",
                "should I switch miner-2 off?", Instant.now()), "asked in the chat");
        assertThat(pending.state().name()).isEqualTo("PENDING");

        battery(44.7); // below the pause threshold of 50 %
        await().atMost(Duration.ofSeconds(20))
                .until(() -> !simulator.simulator().state().device("miner-2").orElseThrow().on());
        List<Map<String, Object>> paused = http.get().uri("/shelly/actions/history?device=" + miner + "&source=AUTOMATION")
                .retrieve().body(new ParameterizedTypeReference<>() { });
        assertThat(paused).singleElement().satisfies(a -> assertThat(a).containsEntry("requestedBy", "miners.drl"));
    }

    /**
     * No flag switches the battery floor off: with AUTOMATION off, automation's own pause is decided and logged as
     * not sent, and the floor's protective off still reaches the relay at critical charge.
     */
    @Test
    void withAutomationSwitchedOffThePauseIsOnlyLoggedAndTheFloorStillSwitchesTheMinerOff() {
        jdbc.sql("DELETE FROM notify.settings").update(); // confirmation mode NEVER: nothing waits for a person
        String miner = freshMiner2();
        flags.override(Feature.AUTOMATION, false, "admin", "commissioning");
        try {
            battery(44.7); // below the pause threshold of 50 %
            await().atMost(Duration.ofSeconds(20)).until(() -> !actions(miner, "AUTOMATION").isEmpty()
                    && actions(miner, "AUTOMATION").get(0).get("result") != null);
            assertThat(actions(miner, "AUTOMATION")).singleElement().satisfies(a -> {
                assertThat(a).containsEntry("result", "WOULD_EXECUTE").containsEntry("requestedBy", "miners.drl");
                assertThat(String.valueOf(a.get("reasons"))).contains("Automation disabled by feature flag AUTOMATION");
            });
            assertThat(minerOn()).as("automation's pause was never sent").isTrue();

            battery(19.5);
            await().atMost(Duration.ofSeconds(20)).until(() -> !minerOn());
            assertThat(actions(miner, "SAFETY")).singleElement().satisfies(a -> assertThat(a)
                    .containsEntry("result", "SUCCEEDED").containsEntry("requestedBy", "battery-floor.drl"));
        } finally {
            flags.reset(Feature.AUTOMATION, "admin", "test over");
        }
    }

    /** "Auto-pause miners: no" leaves a miner running below the pause threshold, never at critical charge. */
    @Test
    void withAutoPauseOffAMinerRunsBelowThePauseThresholdAndIsStillSwitchedOffAtCritical() {
        jdbc.sql("DELETE FROM notify.settings").update();
        String miner = freshMiner2();
        Map<String, Object> prefs = new java.util.HashMap<>(http.get().uri("/preferences").retrieve()
                .body(new ParameterizedTypeReference<Map<String, Object>>() { }));
        prefs.put("autoPauseMiners", false);
        http.put().uri("/preferences").contentType(MediaType.APPLICATION_JSON).body(prefs).retrieve().toBodilessEntity();
        try {
            battery(44.7);
            battery(19.5);
            await().atMost(Duration.ofSeconds(20)).until(() -> !minerOn());
            // Had automation paused it at 44.7 %, the miner would have been off before the floor came to it.
            assertThat(actions(miner, "SAFETY")).singleElement().satisfies(a -> assertThat(a)
                    .containsEntry("result", "SUCCEEDED").containsEntry("requestedBy", "battery-floor.drl"));
            assertThat(actions(miner, "AUTOMATION")).isEmpty();
        } finally {
            http.post().uri("/preferences/reset").retrieve().toBodilessEntity();
        }
    }

    /** miner-2 under a name no other test in this application has switched, so no earlier cooldown or hold counts. */
    private String freshMiner2() {
        String miner = "miner-2-" + Long.toString(System.nanoTime(), 36);
        jdbc.sql("UPDATE shelly.devices SET name = :n WHERE name = 'miner-2'").param("n", miner).update();
        events.publishEvent(new io.commandcenter.device.DevicesChanged());
        simulator.simulator().model().setRelay("miner-2", true);
        relays(miner);
        return miner;
    }

    private boolean minerOn() {
        return simulator.simulator().state().device("miner-2").orElseThrow().on();
    }

    private List<Map<String, Object>> actions(String device, String source) {
        return http.get().uri("/shelly/actions/history?device=" + device + "&source=" + source)
                .retrieve().body(new ParameterizedTypeReference<>() { });
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
        relays("miner-2");
    }

    /** Readings of every relay, the simulator's miner-2 under the name it has in the registry. */
    private void relays(String miner2) {
        events.publishEvent(ReadingsStored.ofDevices(simulator.simulator().state().devices().stream()
                .map(d -> new DevicePowerReading(d.name().equals("miner-2") ? miner2 : d.name(), Instant.now(), true,
                        d.on(), d.powerW(), d.voltage(), d.currentA(), d.energyWh()))
                .toList()));
    }
}
