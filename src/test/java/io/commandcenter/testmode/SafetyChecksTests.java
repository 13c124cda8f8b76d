package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.Source;
import io.commandcenter.testmode.RunRecorder.DeviceSample;
import org.junit.jupiter.api.Test;

/** The violation checks on their own, with decisions the production engine would never let through. */
class SafetyChecksTests {

    private static final Instant T = Instant.parse("2025-06-16T00:00:00Z");

    private final RunRecorder recorder = new RunRecorder(SettingsOverrides.defaults(),
            new RuleNames(TestRules.production()), 100, 100);

    private static Decision allowed(String device, boolean on, Instant at) {
        return allowed(device, on, at, Source.AUTOMATION);
    }

    private static Decision allowed(String device, boolean on, Instant at, Source source) {
        return new Decision(UUID.randomUUID(), device, on, source, "safety.drl", Outcome.ALLOWED, List.of(),
                List.of(), Map.of(), null, at, 0);
    }

    @Test
    void flagsADeviceSwitchedAgainWithinItsCooldown() {
        recorder.decision(allowed("miner-1", false, T), "SWITCHED", false);
        recorder.decision(allowed("miner-1", true, T.plusSeconds(9 * 60)), "SWITCHED", false);
        recorder.decision(allowed("miner-1", false, T.plusSeconds(19 * 60)), "SWITCHED", false);

        assertThat(recorder.violations()).singleElement().satisfies(v -> {
            assertThat(v.type()).isEqualTo("SWITCHED_WITHIN_COOLDOWN");
            assertThat(v.device()).isEqualTo("miner-1");
            assertThat(v.detail()).contains("540 s after its previous switch; cooldown is 10 min");
        });
    }

    @Test
    void letsALoadBeSwitchedOffWithinItsCooldownOnlyBelowTheMinimumCharge() {
        var minerOn = new DeviceSample("miner-1", DeviceType.MINER, true, 1400, false);
        recorder.sample(T, 40, 0, 2300, 0, List.of(minerOn), 0.1);
        recorder.decision(allowed("miner-1", true, T), "SWITCHED", false);
        recorder.sample(T.plusSeconds(120), 29, 0, 2300, 0, List.of(minerOn), 0.1);
        recorder.decision(allowed("miner-1", false, T.plusSeconds(120)), "SWITCHED", false);
        assertThat(recorder.violations()).isEmpty();

        recorder.sample(T.plusSeconds(240), 45, 0, 900, 0, List.of(minerOn), 0.1);
        recorder.decision(allowed("miner-1", true, T.plusSeconds(240)), "SWITCHED", false);
        assertThat(recorder.violations()).extracting(SimulationReport.Violation::type)
                .containsExactly("SWITCHED_WITHIN_COOLDOWN");
    }

    @Test
    void flagsAnAutomatedActionDuringTheEmergencyStop() {
        recorder.decision(allowed("miner-1", false, T), "SWITCHED", true);

        assertThat(recorder.violations()).extracting(SimulationReport.Violation::type)
                .containsExactly("ACTION_DURING_EMERGENCY_STOP");
    }

    @Test
    void letsTheBatteryFloorSwitchALoadOffDuringTheEmergencyStopAndWithinItsCooldown() {
        recorder.decision(allowed("miner-1", true, T), "SWITCHED", false);
        recorder.decision(allowed("miner-1", false, T.plusSeconds(120), Source.SAFETY), "SWITCHED", true);

        assertThat(recorder.violations()).isEmpty();
    }

    @Test
    void flagsAnyLoadSwitchedOnWhileTheEmergencyStopIsEngagedWhoeverAsked() {
        recorder.decision(allowed("water-heater", true, T, Source.SAFETY), "SWITCHED", true);

        assertThat(recorder.violations()).singleElement().satisfies(v -> {
            assertThat(v.type()).isEqualTo("LOAD_SWITCHED_ON_DURING_EMERGENCY_STOP");
            assertThat(v.detail()).isEqualTo("SAFETY switched water-heater on while the emergency stop was active (safety.drl)");
        });
    }

    @Test
    void reportsAViolationTheRelayCausedWithTheAlertsAnOwnerGotAndDoesNotHoldItAgainstTheRules() {
        var heaterOn = new DeviceSample("water-heater", DeviceType.HEATER, true, 2500, false);
        recorder.currentSoc(19.5);
        recorder.decision(allowed("water-heater", false, T, Source.SAFETY), "IGNORED", false);
        recorder.sample(T, 19.5, 0, 2900, 0, List.of(heaterOn), 0.1);

        assertThat(recorder.violations()).singleElement().satisfies(v -> {
            assertThat(v.type()).isEqualTo("SOC_BELOW_CRITICAL_WITH_LOAD_ON");
            assertThat(v.hardwareRefused()).isTrue();
            assertThat(v.detail()).endsWith("while water-heater was on (the relay refused to switch it off)");
        });
        assertThat(RunRecorder.rulesViolations(recorder.violations())).isEmpty();
        assertThat(recorder.alerts()).extracting(SimulationReport.Alert::type).containsExactly("PROTECTIVE_OFF_FAILED");
        assertThat(recorder.alerts().get(0).detail())
                .isEqualTo("water-heater did not switch off (IGNORED) at battery 19.5 %; it is still drawing");
    }

    @Test
    void holdsALoadLeftOnBelowCriticalAgainstTheRulesWhenNoOffWasRefused() {
        var heaterOn = new DeviceSample("water-heater", DeviceType.HEATER, true, 2500, false);
        recorder.sample(T, 19.5, 0, 2900, 0, List.of(heaterOn), 0.1);

        assertThat(RunRecorder.rulesViolations(recorder.violations())).extracting(SimulationReport.Violation::type)
                .containsExactly("SOC_BELOW_CRITICAL_WITH_LOAD_ON");
    }

    @Test
    void flagsChargeBelowCriticalOnlyWhileANonEssentialLoadIsOnOncePerEpisode() {
        var pumpOn = new DeviceSample("well-pump", DeviceType.PUMP, true, 750, true);
        var minerOff = new DeviceSample("miner-1", DeviceType.MINER, false, 0, false);
        var minerOn = new DeviceSample("miner-1", DeviceType.MINER, true, 1400, false);

        recorder.sample(T, 19, 0, 900, 0, List.of(pumpOn, minerOff), 0.1);
        assertThat(recorder.violations()).isEmpty();
        recorder.sample(T.plusSeconds(120), 18.5, 0, 2300, 0, List.of(pumpOn, minerOn), 0.1);
        recorder.sample(T.plusSeconds(240), 18.0, 0, 2300, 0, List.of(pumpOn, minerOn), 0.1);
        recorder.sample(T.plusSeconds(360), 21.0, 0, 2300, 0, List.of(pumpOn, minerOn), 0.1);

        assertThat(recorder.violations()).singleElement().satisfies(v -> {
            assertThat(v.type()).isEqualTo("SOC_BELOW_CRITICAL_WITH_LOAD_ON");
            assertThat(v.at()).isEqualTo("2025-06-16T00:02:00Z");
            assertThat(v.detail()).isEqualTo("battery at 18.5 %, below critical 20 %, while miner-1 was on");
        });
    }
}
