package io.commandcenter.engine;

import static io.commandcenter.engine.Rules.battery;
import static io.commandcenter.engine.Rules.device;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.facts.ConfirmationMode;
import org.junit.jupiter.api.Test;

/** decisions.drl: the verdict is the rules', including which automated actions wait for a person. */
class DecisionRulesTests {

    private static EngineSession site(ConfirmationMode mode) {
        EngineSession s = Rules.session();
        s.setConfirmationMode(mode);
        device(s, "miner-1", DeviceType.MINER, true);
        device(s, "heater", DeviceType.HEATER, false);
        battery(s, 90);
        s.fire();
        return s;
    }

    private static Decision automation(EngineSession s, String device, boolean on) {
        return s.evaluate(ActionRequest.automation(device, on, "test", "test", s.now().toEpochMilli()));
    }

    @Test
    void underAlwaysEveryAutomatedActionWaitsForAPerson() {
        try (EngineSession s = site(ConfirmationMode.ALWAYS)) {
            Decision pause = automation(s, "miner-1", false);
            assertThat(pause.outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);
            assertThat(pause.firedRules()).contains("The owner confirms every automated action",
                    "A request a person must confirm waits for approval");
            assertThat(s.query("pending approvals")).hasSize(1);
        }
    }

    @Test
    void underSometimesPausingAMinerRunsAtOnceButSwitchingOnOrAnotherDeviceWaits() {
        try (EngineSession s = site(ConfirmationMode.SOMETIMES)) {
            assertThat(automation(s, "miner-1", false).outcome()).isEqualTo(Outcome.ALLOWED);
            Decision heaterOn = automation(s, "heater", true);
            assertThat(heaterOn.outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);
            assertThat(heaterOn.firedRules()).contains("The owner confirms automation switching a load on");
        }
        try (EngineSession s = site(ConfirmationMode.SOMETIMES)) {
            device(s, "heater", DeviceType.HEATER, true);
            Decision heaterOff = automation(s, "heater", false);
            assertThat(heaterOff.outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);
            assertThat(heaterOff.firedRules()).contains("The owner confirms automation switching anything but a miner");
        }
    }

    @Test
    void underNeverAutomationRunsAndManualCommandsNeverWait() {
        try (EngineSession s = site(ConfirmationMode.NEVER)) {
            assertThat(automation(s, "heater", true).outcome()).isEqualTo(Outcome.ALLOWED);
        }
        try (EngineSession s = site(ConfirmationMode.ALWAYS)) {
            Decision manual = s.evaluate(Rules.manual("heater", true));
            assertThat(manual.outcome()).isEqualTo(Outcome.ALLOWED);
        }
    }

    @Test
    void anApprovedRequestIsJudgedAgainByEveryRuleButTheWait() {
        try (EngineSession s = site(ConfirmationMode.ALWAYS)) {
            ActionRequest pause = ActionRequest.automation("miner-1", false, "test", "test", s.now().toEpochMilli());
            assertThat(s.evaluate(pause).outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);
            s.approvalGranted(pause.id(), "owner");
            assertThat(s.evaluate(pause).outcome()).isEqualTo(Outcome.ALLOWED);
            assertThat(s.query("pending approvals")).isEmpty();

            ActionRequest heaterOn = ActionRequest.automation("heater", true, "test", "test", s.now().toEpochMilli());
            assertThat(s.evaluate(heaterOn).outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);
            s.approvalGranted(heaterOn.id(), "owner");
            battery(s, 25); // below the minimum by the time the owner said yes
            s.fire();
            Decision late = s.evaluate(heaterOn);
            assertThat(late.outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(late.reasons()).anyMatch(r -> r.contains("below the minimum"));
        }
    }

    @Test
    void changingTheModeAppliesToTheNextRequest() {
        try (EngineSession s = site(ConfirmationMode.NEVER)) {
            assertThat(automation(s, "heater", true).outcome()).isEqualTo(Outcome.ALLOWED);
            s.setConfirmationMode(ConfirmationMode.ALWAYS);
            s.fire();
            assertThat(automation(s, "miner-1", false).outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);
        }
    }

    @Test
    void aBlockedRequestOnAHeldDeviceSaysUntilWhen() {
        try (EngineSession s = site(ConfirmationMode.NEVER)) {
            Decision manual = s.evaluate(Rules.manual("heater", true));
            Decision blocked = automation(s, "heater", false);
            assertThat(blocked.outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(blocked.holdUntil()).isEqualTo(manual.holdUntil());
            assertThat(blocked.firedRules()).contains("A blocked request on a held device says until when");
        }
    }

    /** A person switching the heater on at {@code soc}, judged by the shipped rules without {@code left out}. */
    private static Decision heaterOnWithout(double soc, List<RuleFile> extra, String... leftOut) {
        List<RuleFile> files = new java.util.ArrayList<>(new RuleDirectory(java.nio.file.Path.of("rules")).load()
                .stream().filter(f -> !List.of(leftOut).contains(f.name())).toList());
        files.addAll(extra);
        try (EngineSession s = Rules.session(Rules.build(files), Rules.defaults())) {
            device(s, "heater", DeviceType.HEATER, false);
            battery(s, soc);
            s.fire();
            return s.evaluate(Rules.manual("heater", true));
        }
    }

    @Test
    void withoutThePriorityRulesNothingIsAllowed() {
        Decision d = heaterOnWithout(90, List.of(), "priority.drl");
        assertThat(d.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(d.reasons()).containsExactly("no rule decided on this request");
    }

    @Test
    void withoutDecisionRulesTheEngineBlocksAndItsFloorHoldsAtCritical() {
        Decision none = heaterOnWithout(90, List.of(), "decisions.drl");
        assertThat(none.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(none.reasons()).containsExactly("the rules gave no verdict");

        // A user's rule that allows everything cannot pass the floor's two limits.
        RuleFile allowAll = RuleFile.file("allow-all.drl", """
                package rules;
                import io.commandcenter.engine.*;
                import io.commandcenter.engine.Decision.Outcome;
                import io.commandcenter.engine.facts.*;
                rule "Allow everything"
                when
                    $r: ActionRequest()
                then
                    insertLogical(new Verdict($r.id(), Outcome.ALLOWED));
                end
                """);
        Decision critical = heaterOnWithout(15, List.of(allowAll), "decisions.drl", "safety.drl");
        assertThat(critical.outcome()).isEqualTo(Outcome.BLOCKED);
        assertThat(critical.reasons()).singleElement().asString().startsWith("engine safety floor: battery at 15.0 %");
    }
}
