package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.IfThenRule.Action;
import io.commandcenter.engine.IfThenRule.Condition;
import io.commandcenter.engine.IfThenRule.Does;
import io.commandcenter.engine.IfThenRule.Trigger;
import io.commandcenter.engine.facts.EmergencyStop;
import io.commandcenter.engine.facts.ModeWish;
import io.commandcenter.engine.facts.NotifyWish;
import io.commandcenter.engine.facts.SolarForecast;
import org.junit.jupiter.api.Test;

/** If/then rules are facts the generic rules of if-then.drl match; what they ask for goes through the same policy. */
class IfThenRulesTests {

    private static Condition measure(Trigger trigger, Double atLeast, Double below) {
        return new Condition(trigger, atLeast, below, null, null, null, null, null, null, null);
    }

    private static Condition forecast(Trigger trigger, int hours, Double atLeast, Double below) {
        return new Condition(trigger, atLeast, below, hours, null, null, null, null, null, null);
    }

    private static Action pauseMiners() {
        return new Action(Does.SWITCH, null, DeviceType.MINER, false, null, null, false);
    }

    private static EngineSession session(IfThenRule... rules) {
        return Rules.session(Rules.production().withIfThenRules(List.of(rules)), Rules.defaults());
    }

    private static List<Decision> fire(EngineSession s, double soc, double pv) {
        Rules.battery(s, soc);
        Rules.power(s, pv, 800, 0);
        Rules.device(s, "water-heater", DeviceType.HEATER, true);
        return s.fire();
    }

    private static final IfThenRule EVENING_SHED = new IfThenRule("evening shed", true,
            List.of(measure(Trigger.SOC, null, 45.0), measure(Trigger.PV, null, 500.0)), 10, 10,
            List.of(new Action(Does.SWITCH, "water-heater", null, false, null, null, false),
                    new Action(Does.NOTIFY, null, null, null, null, "heater off", false)));

    @Test
    void switchesOnlyAfterTheConditionsHeldForTheirMinutesAndTellsTheOwnerOnce() {
        try (EngineSession s = session(EVENING_SHED)) {
            assertThat(fire(s, 40, 100)).as("not yet ten minutes").isEmpty();
            Rules.minutesLater(s, 5);
            assertThat(fire(s, 40, 100)).isEmpty();
            Rules.minutesLater(s, 6);
            List<Decision> decided = fire(s, 40, 100);

            assertThat(decided).singleElement().satisfies(d -> {
                assertThat(d.device()).isEqualTo("water-heater");
                assertThat(d.on()).isFalse();
                assertThat(d.source()).isEqualTo(Source.AUTOMATION);
                assertThat(d.requestedBy()).isEqualTo("if-then / evening shed");
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
            });
            List<Object> wishes = s.drainAutomationWishes();
            assertThat(wishes).containsExactly(new NotifyWish("if-then / evening shed", "heater off", false));
            fire(s, 40, 100);
            assertThat(s.drainAutomationWishes()).as("told once while it holds").isEmpty();
        }
    }

    @Test
    void aConditionThatStopsHoldingStartsTheMinutesAgain() {
        try (EngineSession s = session(EVENING_SHED)) {
            fire(s, 40, 100);
            Rules.minutesLater(s, 8);
            fire(s, 40, 900); // the sun came out: no longer every condition
            Rules.minutesLater(s, 3);
            assertThat(fire(s, 40, 100)).as("the ten minutes start again").isEmpty();
            Rules.minutesLater(s, 11);
            assertThat(fire(s, 40, 100)).hasSize(1);
        }
    }

    @Test
    void aPoorForecastSwitchesTheSiteModeAndAnUnknownForecastDoesNot() {
        IfThenRule stormPrep = new IfThenRule("poor tomorrow", true,
                List.of(forecast(Trigger.FORECAST_KWH, 24, null, 5.0), measure(Trigger.SOC, null, 60.0)), 0, 10,
                List.of(new Action(Does.SET_MODE, null, null, null, "Storm prep", null, false)));
        try (EngineSession s = session(stormPrep)) {
            s.setActiveMode("Normal");
            fire(s, 55, 100);
            assertThat(s.drainAutomationWishes()).as("no forecast yet: unknown, not poor").isEmpty();

            long now = s.now().toEpochMilli();
            List<SolarForecast.Hour> dull = new ArrayList<>();
            for (int h = 1; h <= 48; h++) {
                dull.add(new SolarForecast.Hour(now + h * 3_600_000L, 100, 95, 8)); // 2.4 kWh a day
            }
            s.useForecast(now, dull);
            fire(s, 55, 100);

            assertThat(s.drainAutomationWishes()).containsExactly(new ModeWish("if-then / poor tomorrow", "Storm prep"));
            s.setActiveMode("Storm prep");
            fire(s, 55, 100);
            assertThat(s.drainAutomationWishes()).as("already in the mode").isEmpty();
        }
    }

    @Test
    void aSwitchTheOwnerApprovedInAdvanceDoesNotWaitButTheBatteryFloorStillHolds() {
        IfThenRule asking = new IfThenRule("asking", true, List.of(measure(Trigger.SOC, null, 60.0)), 0, 0,
                List.of(new Action(Does.SWITCH, "water-heater", null, false, null, null, false, false)));
        IfThenRule trusted = new IfThenRule("trusted", true, List.of(measure(Trigger.SOC, null, 60.0)), 0, 0,
                List.of(new Action(Does.SWITCH, "pump", null, false, null, null, false, true)));
        IfThenRule heatAnyway = new IfThenRule("heat anyway", true, List.of(measure(Trigger.SOC, null, 60.0)), 0, 0,
                List.of(new Action(Does.SWITCH, "boiler", null, true, null, null, false, true)));
        assertThat(trusted.inWords()).endsWith("then switch pump off without asking");
        try (EngineSession s = session(asking, trusted, heatAnyway)) {
            s.setConfirmationMode(io.commandcenter.engine.facts.ConfirmationMode.ALWAYS);
            Rules.battery(s, 50);
            Rules.device(s, "water-heater", DeviceType.HEATER, true);
            Rules.device(s, "pump", DeviceType.PUMP, true);

            List<Decision> decided = s.fire();

            assertThat(decided).filteredOn(d -> d.requestedBy().equals("if-then / asking")).singleElement()
                    .satisfies(d -> assertThat(d.outcome()).isEqualTo(Outcome.NEEDS_APPROVAL));
            assertThat(decided).filteredOn(d -> d.requestedBy().equals("if-then / trusted")).singleElement()
                    .satisfies(d -> assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED));

            Rules.battery(s, 15);
            Rules.device(s, "boiler", DeviceType.HEATER, false);
            assertThat(s.fire()).as("below critical nothing switches a load on, approved in advance or not")
                    .noneMatch(d -> d.device().equals("boiler") && d.on() && d.allowed());
        }
    }

    @Test
    void anOwnersRuleAndAShippedRuleAskingTheSameAtOnceSwitchTheMinerOnceInsteadOfBlockingEachOther() {
        IfThenRule pauseLow = new IfThenRule("pause low", true, List.of(measure(Trigger.SOC, null, 45.0)), 0, 10,
                List.of(pauseMiners()));
        try (EngineSession s = session(pauseLow)) {
            Rules.device(s, "miner-1", DeviceType.MINER, true);
            Rules.battery(s, 40); // below the shipped pause threshold too: both ask now

            List<Decision> offs = s.fire().stream().filter(d -> d.device().equals("miner-1") && !d.on()).toList();

            assertThat(offs).extracting(Decision::requestedBy).containsExactlyInAnyOrder("if-then / pause low",
                    "miners.drl");
            assertThat(offs).filteredOn(Decision::allowed).as("exactly one of them switches it").hasSize(1);
        }
    }

    @Test
    void theEmergencyStopHaltsWhatTheRuleWouldDo() {
        IfThenRule rule = new IfThenRule("night", true,
                List.of(new Condition(Trigger.TIME, null, null, null, LocalTime.of(0, 0), LocalTime.of(23, 59), null,
                        null, null, null)), 0, 10,
                List.of(pauseMiners(), new Action(Does.SET_MODE, null, null, null, "Away", null, false)));
        try (EngineSession s = session(rule)) {
            s.setActiveMode("Normal");
            s.setEmergencyStop(new EmergencyStop(true, "alice", "smoke", s.now().toEpochMilli()));

            List<Decision> decided = fire(s, 70, 100);

            assertThat(decided).allSatisfy(d -> assertThat(d.outcome()).isEqualTo(Outcome.BLOCKED));
            assertThat(s.drainAutomationWishes()).isEmpty();
        }
    }

    @Test
    void anOwnersRuleCannotSwitchALoadOnAtTheCriticalCharge() {
        IfThenRule heatAlways = new IfThenRule("heat", true, List.of(measure(Trigger.SOC, null, 60.0)), 0, 0,
                List.of(new Action(Does.SWITCH, "water-heater", null, true, null, null, false)));
        try (EngineSession s = session(heatAlways)) {
            Rules.battery(s, 15);
            Rules.device(s, "water-heater", DeviceType.HEATER, false);

            List<Decision> decided = s.fire();

            assertThat(decided).filteredOn(d -> d.device().equals("water-heater") && d.on())
                    .allSatisfy(d -> assertThat(d.outcome()).isEqualTo(Outcome.BLOCKED));
        }
    }

    @Test
    void readsAsTheSentenceTheBuilderShows() {
        IfThenRule rule = new IfThenRule("evening", true, List.of(measure(Trigger.SOC, null, 45.0),
                measure(Trigger.PV, null, 500.0), new Condition(Trigger.TIME, null, null, null, LocalTime.of(18, 0),
                        LocalTime.of(6, 0), null, null, null, null)), 10, 10,
                List.of(pauseMiners(), new Action(Does.NOTIFY, null, null, null, null, null, false)));

        assertThat(rule.inWords()).isEqualTo("When the battery is below 45 % and solar is below 500 W for 10 minutes,"
                + " between 18:00 and 06:00, then pause all miners and notify me");
    }
}
