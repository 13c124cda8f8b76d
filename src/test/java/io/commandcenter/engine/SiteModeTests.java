package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.facts.ActiveMode;
import io.commandcenter.engine.facts.ConfirmationMode;
import org.junit.jupiter.api.Test;

/** A site mode's preferences and confirmation are what the rules then decide by; every decision names the mode. */
class SiteModeTests {

    private static final Preferences OWNER = new Preferences(20, 30, 80, 50, 80, 5000, null, null, null, null, 10,
            60, 0, 0, true);
    private static final SiteMode STORM_PREP = new SiteMode("Storm prep", "", 60.0, null, null, null, true);
    private static final SiteMode AWAY = new SiteMode("Away", "", null, null, null, ConfirmationMode.ALWAYS, true);

    private static EngineSession in(SiteMode mode) {
        EngineSession s = Rules.session(Rules.production(), mode.applyTo(OWNER).toSettings());
        s.setConfirmationMode(mode.confirmationOr(ConfirmationMode.NEVER));
        s.setActiveMode(mode.name());
        return s;
    }

    @Test
    void stormPrepKeepsLoadsOffBelowItsMinimumWhereNormalAllowsThem() {
        for (SiteMode mode : new SiteMode[] {SiteMode.normal(), STORM_PREP}) {
            try (EngineSession s = in(mode)) {
                Rules.battery(s, 55);
                Rules.device(s, "water-heater", DeviceType.HEATER, false);
                s.fire();

                Decision d = s.evaluate(Rules.manual("water-heater", true));

                assertThat(d.outcome()).as(mode.name()).isEqualTo(mode == STORM_PREP ? Outcome.BLOCKED : Outcome.ALLOWED);
                assertThat(d.facts().get("ActiveMode")).as("the explanation names the mode")
                        .containsExactly(new ActiveMode(mode.name()).toString());
            }
        }
    }

    @Test
    void awayHasEveryAutomatedActionWaitForAPerson() {
        try (EngineSession s = in(AWAY)) {
            Rules.battery(s, 70);
            Rules.device(s, "miner-1", DeviceType.MINER, true);
            s.fire();

            Decision pause = s.evaluate(ActionRequest.automation("miner-1", false, "test", "test", Rules.START.toEpochMilli()));

            assertThat(pause.outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);
            assertThat(s.evaluate(Rules.manual("miner-1", false)).outcome()).as("a person's own command does not wait")
                    .isEqualTo(Outcome.ALLOWED);
        }
    }

    @Test
    void aModeOverridesOnlyWhatItNamesAndNeverTheCriticalCharge() {
        Preferences applied = STORM_PREP.applyTo(OWNER);

        assertThat(applied.minSoc()).isEqualTo(60);
        assertThat(applied.criticalSoc()).isEqualTo(OWNER.criticalSoc());
        assertThat(applied.pauseMinersBelow()).isEqualTo(OWNER.pauseMinersBelow());
        assertThat(AWAY.applyTo(OWNER)).isEqualTo(OWNER);
        assertThat(SiteMode.normal().confirmationOr(ConfirmationMode.SOMETIMES)).isEqualTo(ConfirmationMode.SOMETIMES);
        assertThat(STORM_PREP.changes()).containsExactly("minimum charge 60 %");
        assertThat(AWAY.changes()).containsExactly("every automated action needs approval");
    }
}
