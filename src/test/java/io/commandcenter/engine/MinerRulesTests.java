package io.commandcenter.engine;

import static io.commandcenter.engine.Rules.battery;
import static io.commandcenter.engine.Rules.device;
import static io.commandcenter.engine.Rules.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.facts.DailyWindow;
import io.commandcenter.engine.facts.SiteSettings;
import org.junit.jupiter.api.Test;

class MinerRulesTests {

    /** Automation pauses miner-1 at 45 %, the pause is carried out, 30 minutes later at 85 % it asks to resume. */
    private static void pauseThenResume(EngineSession s) {
        device(s, "miner-1", DeviceType.MINER, true);
        battery(s, 45);
        assertThat(s.fire()).singleElement().extracting(Decision::on).isEqualTo(false);
        device(s, "miner-1", DeviceType.MINER, false);
        minutesLater(s, 30);
        battery(s, 85);
        assertThat(s.fire()).singleElement().extracting(Decision::on).isEqualTo(true);
    }

    @Test
    void pausesRunningMinersWhenSocFallsBelowPauseThreshold() {
        try (EngineSession s = Rules.session()) {
            device(s, "miner-1", DeviceType.MINER, true);
            device(s, "pump", DeviceType.PUMP, true);
            battery(s, 55);
            assertThat(s.fire()).isEmpty();
            minutesLater(s, 1);
            battery(s, 49);
            List<Decision> decisions = s.fire();
            assertThat(decisions).singleElement().satisfies(d -> {
                assertThat(d.device()).isEqualTo("miner-1");
                assertThat(d.on()).isFalse();
                assertThat(d.source()).isEqualTo(Source.AUTOMATION);
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
                assertThat(d.firedRules()).contains("Battery below the pause threshold: pause running miners",
                        "Battery below the miner pause threshold for the confirmation time",
                        "A request that wins its device with no objection is allowed");
                assertThat(d.facts().get("Battery below the miner pause threshold for the confirmation time"))
                        .anySatisfy(f -> assertThat(f).contains("soc=49.0"));
            });
        }
    }

    @Test
    void changesNothingInsideTheHysteresisBandAndResumesAboveIt() {
        try (EngineSession s = Rules.session()) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 45);
            assertThat(s.fire()).singleElement().extracting(Decision::on).isEqualTo(false);
            minutesLater(s, 1);
            device(s, "miner-1", DeviceType.MINER, false); // the control pipeline switched it off
            for (double soc : new double[] {55, 65, 79, 80}) {
                minutesLater(s, 15);
                battery(s, soc);
                assertThat(s.fire()).as("SOC %s is inside the band", soc).isEmpty();
            }
            minutesLater(s, 15);
            battery(s, 81);
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.on()).isTrue();
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
                assertThat(d.firedRules()).contains("Battery above the resume threshold: resume miners that automation paused");
            });
        }
    }

    @Test
    void asksAgainAfterTheCooldownWhenAResumeWasNotCarriedOut() {
        try (EngineSession s = Rules.session()) {
            pauseThenResume(s);
            // The relay ignored the resume: the miner still reads off. Nothing while cooling down ...
            for (int minute = 1; minute <= 9; minute++) {
                minutesLater(s, 1);
                battery(s, 85);
                device(s, "miner-1", DeviceType.MINER, false);
                assertThat(s.fire()).as("minute %s", minute).isEmpty();
            }
            // ... then the rules ask again.
            minutesLater(s, 2);
            battery(s, 85);
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.on()).isTrue();
                assertThat(d.firedRules()).contains("Battery above the resume threshold: resume miners that automation paused");
            });
        }
    }

    @Test
    void leavesOffAMinerSwitchedOffOutsideCommandCenterAfterItsResumeWorked() {
        try (EngineSession s = Rules.session()) {
            pauseThenResume(s);
            minutesLater(s, 2);
            device(s, "miner-1", DeviceType.MINER, true); // the resume worked
            assertThat(s.fire()).isEmpty();
            minutesLater(s, 5);
            device(s, "miner-1", DeviceType.MINER, false); // someone switched it off in the Shelly app
            for (int minute = 0; minute < 60; minute += 10) {
                minutesLater(s, 10);
                battery(s, 90);
                assertThat(s.fire()).as("minute %s", minute).isEmpty();
            }
        }
    }

    @Test
    void neverResumesAMinerAPersonSwitchedOff() {
        try (EngineSession s = Rules.session()) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 90);
            s.fire();
            assertThat(s.evaluate(Rules.manual("miner-1", false)).outcome()).isEqualTo(Outcome.ALLOWED);
            device(s, "miner-1", DeviceType.MINER, false);
            minutesLater(s, 120);
            battery(s, 95);
            assertThat(s.fire()).isEmpty();
        }
    }

    @Test
    void cooldownKeepsAMinerFromFlappingUntilItExpires() {
        try (EngineSession s = Rules.session()) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 45);
            assertThat(s.fire()).hasSize(1);
            // The miner keeps running (nobody carried the pause out): no new proposal while cooling down.
            for (int minute = 1; minute <= 9; minute++) {
                minutesLater(s, 1);
                battery(s, 45);
                device(s, "miner-1", DeviceType.MINER, true);
                assertThat(s.fire()).as("minute %s", minute).isEmpty();
                assertThat(s.query("active cooldowns")).hasSize(1);
            }
            minutesLater(s, 1);
            battery(s, 45);
            assertThat(s.query("active cooldowns")).isNotEmpty();
            minutesLater(s, 1);
            battery(s, 45);
            assertThat(s.fire()).singleElement().extracting(Decision::on).isEqualTo(false);
        }
    }

    @Test
    void belowTheMinimumAMinerSwitchedOnDuringItsCooldownIsPausedAtOnce() {
        try (EngineSession s = Rules.session()) {
            pauseThenResume(s);
            minutesLater(s, 1);
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 45); // below the pause threshold, above the minimum: the cooldown holds
            assertThat(s.fire()).isEmpty();
            minutesLater(s, 1);
            battery(s, 29); // a heavy load started: below the minimum of 30 %
            // The battery floor takes it (automation switched it on), cooldown or not.
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.on()).isFalse();
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
                assertThat(d.source()).isEqualTo(Source.SAFETY);
                assertThat(d.firedRules()).contains("Below the minimum the loads automation may shed are shed");
            });
            minutesLater(s, 1);
            battery(s, 28);
            device(s, "miner-1", DeviceType.MINER, true); // the relay has not switched yet: not asked twice
            assertThat(s.fire()).isEmpty();
        }
    }

    @Test
    void waitsForTheConfirmationTimeBeforePausing() {
        SiteSettings d = Rules.defaults();
        SiteSettings confirm5 = new SiteSettings(d.criticalSoc(), d.minSoc(), d.targetSoc(), d.pauseMinersBelow(),
                d.resumeMinersAbove(), d.maxGridDraw(), d.solarPriorityHours(), d.quietHours(),
                d.minerCooldownMillis(), d.manualHoldMillis(), 5 * 60_000L);
        try (EngineSession s = Rules.session(Rules.production(), confirm5)) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 55);
            s.fire();
            minutesLater(s, 1);
            battery(s, 49);
            assertThat(s.fire()).isEmpty();
            minutesLater(s, 3);
            battery(s, 51); // back above: the count starts again
            assertThat(s.fire()).isEmpty();
            for (int minute = 1; minute <= 4; minute++) {
                minutesLater(s, 1);
                battery(s, 48);
                assertThat(s.fire()).as("minute %s below", minute).isEmpty();
            }
            minutesLater(s, 2);
            battery(s, 48);
            assertThat(s.fire()).singleElement().extracting(Decision::on).isEqualTo(false);
        }
    }

    @Test
    void leavesAMinerAloneWhileAManualCommandHoldsIt() {
        try (EngineSession s = Rules.session()) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 60);
            s.fire();
            assertThat(s.evaluate(Rules.manual("miner-1", true)).outcome()).isEqualTo(Outcome.ALLOWED);
            minutesLater(s, 11);
            battery(s, 45);
            assertThat(s.fire()).isEmpty();
            minutesLater(s, 50); // the hour of holding is over
            battery(s, 45);
            assertThat(s.fire()).singleElement().extracting(Decision::on).isEqualTo(false);
        }
    }

    // ---- the target charge ----

    private static SiteSettings targetAndResume(double target, double resume) {
        return new SiteSettings(20, 30, target, 50, resume, 5000, DailyWindow.NEVER, DailyWindow.NEVER,
                10 * 60_000L, 60 * 60_000L, 0);
    }

    @Test
    void pausedMinersWaitForTheTargetChargeWhenItIsAboveTheResumeThreshold() {
        try (EngineSession s = Rules.session(Rules.production(), targetAndResume(90, 80))) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 45);
            assertThat(s.fire()).singleElement().extracting(Decision::on).isEqualTo(false);
            device(s, "miner-1", DeviceType.MINER, false);
            for (double soc : new double[] {81, 85, 89.9}) {
                minutesLater(s, 15);
                battery(s, soc);
                assertThat(s.fire()).as("%s %% is above the resume threshold but below the target", soc).isEmpty();
            }
            minutesLater(s, 15);
            battery(s, 90);
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.on()).isTrue();
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
                assertThat(d.firedRules()).contains("Battery above the miner resume threshold and at the target charge",
                        "Battery above the resume threshold: resume miners that automation paused");
            });
        }
    }

    @Test
    void aTargetBelowTheResumeThresholdLeavesTheResumeThresholdToDecide() {
        try (EngineSession s = Rules.session(Rules.production(), targetAndResume(60, 80))) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 45);
            assertThat(s.fire()).hasSize(1);
            device(s, "miner-1", DeviceType.MINER, false);
            minutesLater(s, 15);
            battery(s, 80);
            assertThat(s.fire()).as("at the target, not above the resume threshold").isEmpty();
            minutesLater(s, 15);
            battery(s, 81);
            assertThat(s.fire()).singleElement().extracting(Decision::on).isEqualTo(true);
        }
    }

    // ---- auto-pause miners: no ----

    @Test
    void withAutoPauseOffMinersRunBelowThePauseThresholdUntilTheFloorShedsThemBelowTheMinimum() {
        try (EngineSession s = Rules.session(Rules.production(), Rules.defaults().withAutoPauseMiners(false))) {
            device(s, "miner-1", DeviceType.MINER, true);
            for (double soc : new double[] {49, 40, 30}) {
                battery(s, soc);
                assertThat(s.fire()).as("%s %%: automation does not pause", soc).isEmpty();
                minutesLater(s, 15);
            }
            battery(s, 29);
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.on()).isFalse();
                assertThat(d.source()).isEqualTo(Source.SAFETY);
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
                assertThat(d.firedRules()).contains("Below the minimum the loads automation may shed are shed")
                        .doesNotContain("Battery below the pause threshold: pause running miners");
            });
        }
    }

    @Test
    void withAutoPauseOffAMinerAPersonSwitchedOnIsStillSwitchedOffAtCriticalCharge() {
        try (EngineSession s = Rules.session(Rules.production(), Rules.defaults().withAutoPauseMiners(false))) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 60);
            s.fire();
            assertThat(s.evaluate(Rules.manual("miner-1", true)).outcome()).isEqualTo(Outcome.ALLOWED);
            minutesLater(s, 61); // the hold is over
            battery(s, 29);
            assertThat(s.fire()).as("below the minimum a person's miner stays theirs, and nothing pauses it").isEmpty();
            minutesLater(s, 3);
            battery(s, 20);
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.device()).isEqualTo("miner-1");
                assertThat(d.on()).isFalse();
                assertThat(d.source()).isEqualTo(Source.SAFETY);
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
                assertThat(d.firedRules()).contains("At the floor every load that is not essential is shed");
            });
        }
    }

    @Test
    void withAutoPauseOnTheSameMinerIsPausedBelowTheThreshold() {
        try (EngineSession s = Rules.session(Rules.production(), Rules.defaults().withAutoPauseMiners(true))) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 49);
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.on()).isFalse();
                assertThat(d.source()).isEqualTo(Source.AUTOMATION);
            });
        }
    }
}
