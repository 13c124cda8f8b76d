package io.commandcenter.engine;

import static io.commandcenter.engine.Rules.battery;
import static io.commandcenter.engine.Rules.device;
import static io.commandcenter.engine.Rules.offline;
import static io.commandcenter.engine.Rules.power;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.facts.DevicePower;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.facts.DailyWindow;
import io.commandcenter.engine.facts.EmergencyStop;
import io.commandcenter.engine.facts.SiteSettings;
import org.junit.jupiter.api.Test;

class SafetyRulesTests {

    private static ActionRequest request(String device, boolean on, Source source) {
        return ActionRequest.of(device, on, source, "tester", "test", Rules.START);
    }

    private static EngineSession siteWith(double soc) {
        EngineSession s = Rules.session();
        device(s, "heater", DeviceType.HEATER, false);
        battery(s, soc);
        s.fire();
        return s;
    }

    @Test
    void blocksSwitchingALoadOnAtCriticalCharge() {
        try (EngineSession s = siteWith(20)) {
            Decision d = s.evaluate(request("heater", true, Source.MANUAL));
            assertThat(d.outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(d.reasons()).anySatisfy(r -> assertThat(r).contains("at or below critical"));
            assertThat(d.firedRules()).contains("Never switch a load on while the battery is at or below critical",
                    "Battery at or below critical");
        }
    }

    @Test
    void blocksSwitchingALoadOnBelowMinimumButAllowsSwitchingOff() {
        try (EngineSession s = siteWith(29)) {
            assertThat(s.evaluate(request("heater", true, Source.MANUAL)).reasons())
                    .anySatisfy(r -> assertThat(r).contains("below the minimum"));
            assertThat(s.evaluate(request("heater", false, Source.MANUAL)).outcome()).isEqualTo(Outcome.ALLOWED);
        }
    }

    @Test
    void allowsSwitchingALoadOnAboveMinimum() {
        try (EngineSession s = siteWith(31)) {
            assertThat(s.evaluate(request("heater", true, Source.MANUAL)).outcome()).isEqualTo(Outcome.ALLOWED);
        }
    }

    @Test
    void blocksAutomationSwitchingOnWhileTheChargeIsUnknown() {
        try (EngineSession s = Rules.session()) {
            device(s, "heater", DeviceType.HEATER, false);
            s.fire();
            assertThat(s.evaluate(request("heater", true, Source.AUTOMATION)).reasons())
                    .contains("battery level unknown");
        }
    }

    @Test
    void blocksALoadThatWouldImportMoreThanTheGridLimit() {
        try (EngineSession s = siteWith(90)) {
            power(s, 0, 1000, 4000); // importing 4 kW, the heater adds 1.5 kW, limit 5 kW
            s.fire();
            assertThat(s.evaluate(request("heater", true, Source.MANUAL)).reasons())
                    .anySatisfy(r -> assertThat(r).contains("from the grid, limit 5000 W"));
            power(s, 3000, 1000, 4000); // a 2 kW solar surplus soaks up the heater
            s.fire();
            assertThat(s.evaluate(request("heater", true, Source.MANUAL)).outcome()).isEqualTo(Outcome.ALLOWED);
        }
    }

    @Test
    void ratesADeviceRegisteredWithoutItsWattsAtTheMostItWasSeenDrawing() {
        try (EngineSession s = siteWith(90)) {
            power(s, 0, 1000, 4000); // importing 4 kW, limit 5 kW
            s.insertDevice(new DevicePower("kiln", s.now().toEpochMilli(), true, true, 2400.0), DeviceType.OTHER, 0);
            s.insertDevice(new DevicePower("kiln", s.now().toEpochMilli(), true, false, 0.0), DeviceType.OTHER, 0);
            s.fire();
            assertThat(s.evaluate(request("kiln", true, Source.MANUAL)).reasons())
                    .as("a 2.4 kW kiln is not a 0 W load").anySatisfy(r -> assertThat(r).contains("from the grid, limit 5000 W"));
        }
    }

    @Test
    void blocksOfflineUnknownAndLockedDevices() {
        try (EngineSession s = siteWith(90)) {
            offline(s, "pump", DeviceType.PUMP);
            s.lock("heater", "bob", "maintenance");
            s.fire();
            assertThat(s.evaluate(request("pump", false, Source.MANUAL)).reasons())
                    .contains("device pump is offline or unknown");
            assertThat(s.evaluate(request("nobody-knows", false, Source.MANUAL)).outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(s.evaluate(request("heater", false, Source.MANUAL)).reasons())
                    .contains("device locked by bob: maintenance");
            s.unlock("heater");
            assertThat(s.evaluate(request("heater", false, Source.MANUAL)).outcome()).isEqualTo(Outcome.ALLOWED);
        }
    }

    @Test
    void blocksAnAutomatedRequestThatContradictsOneWaitingForApproval() {
        try (EngineSession s = siteWith(90)) {
            Decision agent = s.evaluate(request("heater", true, Source.AGENT));
            assertThat(agent.outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);
            Decision off = s.evaluate(request("heater", false, Source.AUTOMATION));
            assertThat(off.reasons()).contains("contradicts request " + agent.requestId() + " waiting for approval");
            assertThat(s.drainSuperseded()).as("a refused request supersedes nothing").isEmpty();
            s.approvalResolved(agent.requestId());
            assertThat(s.evaluate(request("heater", false, Source.AUTOMATION)).outcome()).isEqualTo(Outcome.ALLOWED);
        }
    }

    @Test
    void aManualCommandSupersedesAnActionWaitingForApprovalInsteadOfBeingBlocked() {
        try (EngineSession s = siteWith(90)) {
            Decision agent = s.evaluate(request("heater", true, Source.AGENT));
            assertThat(agent.outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);

            Decision off = s.evaluate(request("heater", false, Source.MANUAL));

            assertThat(off.outcome()).as("%s", off.reasons()).isEqualTo(Outcome.ALLOWED);
            assertThat(off.reasons()).noneSatisfy(r -> assertThat(r).contains("waiting for approval"));
            assertThat(s.drainSuperseded()).containsExactly(agent.requestId());
            assertThat(s.drainSuperseded()).as("told once").isEmpty();
            // The waiting fact is gone: an automated request no longer hears of it.
            assertThat(s.evaluate(request("heater", true, Source.AUTOMATION)).reasons())
                    .noneSatisfy(r -> assertThat(r).contains("waiting for approval"));
        }
    }

    @Test
    void keepsAutomationQuietDuringQuietHoursButLetsAPersonAct() {
        SiteSettings d = Rules.defaults();
        SiteSettings quietAtNoon = new SiteSettings(d.criticalSoc(), d.minSoc(), d.targetSoc(), d.pauseMinersBelow(),
                d.resumeMinersAbove(), d.maxGridDraw(), d.solarPriorityHours(), DailyWindow.of("11:00", "13:00"),
                d.minerCooldownMillis(), d.manualHoldMillis(), 0);
        try (EngineSession s = Rules.session(Rules.production(), quietAtNoon)) {
            device(s, "heater", DeviceType.HEATER, false);
            battery(s, 90);
            s.fire();
            assertThat(s.evaluate(request("heater", true, Source.AUTOMATION)).reasons()).contains("quiet hours");
            assertThat(s.evaluate(request("heater", true, Source.MANUAL)).outcome()).isEqualTo(Outcome.ALLOWED);
        }
    }

    @Test
    void keepsAutomationFromTheGridDuringSolarPriorityHours() {
        SiteSettings d = Rules.defaults();
        SiteSettings solarAtNoon = new SiteSettings(d.criticalSoc(), d.minSoc(), d.targetSoc(), d.pauseMinersBelow(),
                d.resumeMinersAbove(), d.maxGridDraw(), DailyWindow.of("10:00", "16:00"), d.quietHours(),
                d.minerCooldownMillis(), d.manualHoldMillis(), 0);
        try (EngineSession s = Rules.session(Rules.production(), solarAtNoon)) {
            device(s, "heater", DeviceType.HEATER, false);
            battery(s, 90);
            power(s, 1000, 800, 0); // 200 W surplus is not enough for 1.5 kW
            s.fire();
            assertThat(s.evaluate(request("heater", true, Source.AUTOMATION)).reasons())
                    .anySatisfy(r -> assertThat(r).contains("limit 0 W"));
            assertThat(s.evaluate(request("heater", true, Source.MANUAL)).outcome()).isEqualTo(Outcome.ALLOWED);
        }
    }

    @Test
    void emergencyStopBlocksAutomationAndAgentButNotAPerson() {
        try (EngineSession s = siteWith(90)) {
            s.setEmergencyStop(new EmergencyStop(true, "carol", "smoke in the shed", Instant.now().toEpochMilli()));
            for (Source source : new Source[] {Source.AUTOMATION, Source.AGENT}) {
                for (boolean on : new boolean[] {true, false}) {
                    Decision d = s.evaluate(request("heater", on, source));
                    assertThat(d.outcome()).as("%s on=%s", source, on).isEqualTo(Outcome.BLOCKED);
                    assertThat(d.reasons()).contains("emergency stop by carol: smoke in the shed");
                    assertThat(d.firedRules()).contains("Emergency stop blocks every automated and agent action");
                }
            }
            assertThat(s.evaluate(request("heater", false, Source.MANUAL)).outcome()).isEqualTo(Outcome.ALLOWED);
            s.setEmergencyStop(EmergencyStop.released());
            Decision afterRelease = s.evaluate(request("heater", false, Source.AUTOMATION));
            assertThat(afterRelease.reasons()).containsExactly("device held by a MANUAL command"); // not the stop
            Rules.minutesLater(s, 61);
            assertThat(s.evaluate(request("heater", false, Source.AUTOMATION)).outcome()).isEqualTo(Outcome.ALLOWED);
        }
    }
}
