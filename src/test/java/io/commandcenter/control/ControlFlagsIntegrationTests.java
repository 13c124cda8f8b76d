package io.commandcenter.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.commandcenter.control.CommandOutcome.Result;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.Source;
import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureFlags;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.sitemodel.Faults;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The AUTOMATION and HARDWARE_CONTROL flags in the control pipeline, switched at runtime as an admin would: what is
 * only logged, and what still reaches the relay (a person's switch; the battery floor's protective off).
 */
@ControlIntegrationTest
class ControlFlagsIntegrationTests {

    @Autowired CommandService commands;
    @Autowired FeatureFlags flags;
    @Autowired ActionLogRepository actionLog;
    @Autowired EmbeddedSimulator simulator;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;

    @BeforeEach
    void heaterRunning() {
        jdbc.sql("TRUNCATE control.action_log, control.retry_queue").update();
        simulator.simulator().faults().set(Faults.noneAndUnlimited());
        io.commandcenter.SimulatedDevices.register(jdbc, simulator);
        simulator.simulator().model().setRelay("water-heater", true);
    }

    @AfterEach
    void flagsAsConfigured() {
        for (Feature f : List.of(Feature.AUTOMATION, Feature.HARDWARE_CONTROL)) {
            if (flags.state(f).overridden()) {
                flags.reset(f, "test", "test over");
            }
        }
    }

    @Test
    void withAutomationOffAnAutomatedActionIsDecidedAndLoggedButNeverSent() {
        flags.override(Feature.AUTOMATION, false, "admin", "commissioning");
        ActionRequest shed = request(Source.AUTOMATION);

        CommandOutcome outcome = commands.carryOut(shed, allowed(shed));

        assertThat(outcome.result()).isEqualTo(Result.WOULD_EXECUTE);
        assertThat(outcome.reasons()).containsExactly(
                "Automation disabled by feature flag AUTOMATION: would switch water-heater off");
        assertThat(actionLog.find(shed.id()).orElseThrow().events()).extracting(ActionRecord.Event::kind)
                .containsExactly("REQUESTED", "DECIDED", "FINISHED");
        assertThat(heaterOn()).isTrue();
        assertThat(commands.automationEnabled()).isFalse();
    }

    @Test
    void withAutomationOffAPersonAndTheBatteryFloorStillSwitch() {
        flags.override(Feature.AUTOMATION, false, "admin", "commissioning");
        ActionRequest protectiveOff = request(Source.SAFETY);

        CommandOutcome floor = commands.carryOut(protectiveOff, allowed(protectiveOff));

        assertThat(floor.result()).as("no flag stops the battery floor: %s", floor.reasons())
                .isEqualTo(Result.SUCCEEDED);
        assertThat(heaterOn()).isFalse();

        ActionRequest byHand = ActionRequest.of("water-heater", true, Source.MANUAL, "alice", "shower", clock.instant());
        assertThat(commands.carryOut(byHand, allowed(byHand)).result()).isEqualTo(Result.SUCCEEDED);
        assertThat(heaterOn()).isTrue();
    }

    @Test
    void withHardwareControlOffTheBatteryFloorStillSwitchesALoadOff() {
        flags.override(Feature.HARDWARE_CONTROL, false, "admin", "commissioning");
        ActionRequest protectiveOff = request(Source.SAFETY);

        CommandOutcome floor = commands.carryOut(protectiveOff, allowed(protectiveOff));

        assertThat(floor.result()).as("a load left on must not drain the battery: %s", floor.reasons())
                .isEqualTo(Result.SUCCEEDED);
        assertThat(heaterOn()).isFalse();
        flags.reset(Feature.HARDWARE_CONTROL, "admin", "done");
    }

    @Test
    void hardwareControlSwitchedOffAtRuntimeStopsAutomatedActionsAndBackOnItSendsThemAgain() {
        assertThat(commands.hardwareEnabled()).as("on with the simulator").isTrue();
        flags.override(Feature.HARDWARE_CONTROL, false, "admin", "wiring work on the heater circuit");

        ActionRequest shed = request(Source.AUTOMATION);
        CommandOutcome logged = commands.carryOut(shed, allowed(shed));
        assertThat(logged.result()).isEqualTo(Result.WOULD_EXECUTE);
        assertThat(logged.reasons()).containsExactly("Hardware control is off: would switch water-heater off");
        assertThat(heaterOn()).isTrue();
        ActionRequest byHand = ActionRequest.of("water-heater", false, Source.MANUAL, "alice", "test", clock.instant());
        assertThat(commands.carryOut(byHand, allowed(byHand)).result()).as("a person's switch").isEqualTo(Result.SUCCEEDED);

        simulator.simulator().model().setRelay("water-heater", true);
        flags.reset(Feature.HARDWARE_CONTROL, "admin", "wiring done");
        ActionRequest again = request(Source.AUTOMATION);
        assertThat(commands.carryOut(again, allowed(again)).result()).isEqualTo(Result.SUCCEEDED);
        assertThat(heaterOn()).isFalse();
    }

    private ActionRequest request(Source source) {
        return new ActionRequest(UUID.randomUUID(), "water-heater", false, source,
                source == Source.SAFETY ? "battery-floor.drl" : "rule:shed heater", "battery low", clock.instant());
    }

    private static Decision allowed(ActionRequest request) {
        return new Decision(request.id(), request.device(), request.on(), request.source(), request.requestedBy(),
                Decision.Outcome.ALLOWED, List.of(), List.of("test: allowed"), Map.of(), null, request.at(), 0);
    }

    private boolean heaterOn() {
        return simulator.simulator().state().device("water-heater").orElseThrow().on();
    }
}
