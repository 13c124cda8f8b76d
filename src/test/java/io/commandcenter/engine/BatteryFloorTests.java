package io.commandcenter.engine;

import static io.commandcenter.engine.Rules.battery;
import static io.commandcenter.engine.Rules.device;
import static io.commandcenter.engine.Rules.minutesLater;
import static io.commandcenter.engine.Rules.power;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.EngineSession.AlarmChange;
import io.commandcenter.engine.facts.BatteryAlarm;
import io.commandcenter.engine.facts.DevicePower;
import io.commandcenter.engine.facts.DeviceStatus;
import io.commandcenter.engine.facts.EmergencyStop;
import io.commandcenter.engine.facts.SiteSettings;
import org.junit.jupiter.api.Test;

/**
 * The battery floor overrides everyone: at or below critical every non-essential load goes off
 * (a person's hold, a cooldown, an emergency stop or an unknown relay state make no difference);
 * below the minimum the loads automation may shed go off and the ones a person switched on get a
 * warning. Defaults: critical 20, minimum 30, pause miners below 50.
 */
class BatteryFloorTests {

    private static final SiteSettings FIVE_KWH = Rules.defaults().withBatteryCapacity(5_000);

    @Test
    void aHeaterAPersonSwitchedOnIsWarnedAboutBelowTheMinimumAndShedAtCriticalDespiteItsHold() {
        try (EngineSession s = Rules.session()) {
            battery(s, 46);
            device(s, "heater", DeviceType.HEATER, false);
            s.fire();
            Decision on = s.evaluate(ActionRequest.of("heater", true, Source.MANUAL, "alice", "", s.now()));
            assertThat(on.outcome()).isEqualTo(Outcome.ALLOWED);
            assertThat(on.holdUntil()).isNotNull();
            device(s, "heater", DeviceType.HEATER, true);
            s.fire();
            s.drainAlarmChange();

            minutesLater(s, 3);
            battery(s, 29); // below the minimum: the person's load is left to the person, who is told
            assertThat(s.fire()).isEmpty();
            AlarmChange warning = s.drainAlarmChange().orElseThrow();
            assertThat(warning.to()).isEqualTo(BatteryAlarm.Level.MINIMUM);
            assertThat(warning.switchedOnByPerson()).containsExactly("heater");

            minutesLater(s, 3);
            battery(s, 20); // critical, still inside the person's one-hour hold
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.device()).isEqualTo("heater");
                assertThat(d.on()).isFalse();
                assertThat(d.source()).isEqualTo(Source.SAFETY);
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
                assertThat(d.firedRules()).contains("At the floor every load that is not essential is shed");
            });
            assertThat(s.drainAlarmChange()).get().extracting(AlarmChange::to).isEqualTo(BatteryAlarm.Level.CRITICAL);
        }
    }

    @Test
    void belowTheMinimumALoadThatWasOnBeforeCommandCenterKnewItIsShed() {
        try (EngineSession s = Rules.session()) {
            battery(s, 40);
            device(s, "pump", DeviceType.PUMP, true); // switched outside CommandCenter: no command known
            assertThat(s.fire()).isEmpty();
            minutesLater(s, 3);
            battery(s, 29.5);
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.device()).isEqualTo("pump");
                assertThat(d.on()).isFalse();
                assertThat(d.source()).isEqualTo(Source.SAFETY);
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
                assertThat(d.reasons()).isEmpty();
            });
        }
    }

    @Test
    void anEssentialLoadIsNeverShed() {
        try (EngineSession s = Rules.session()) {
            s.insertDevice(new DevicePower("fridge", s.now().toEpochMilli(), true, true, 150.0), DeviceType.OTHER,
                    150, true);
            device(s, "heater", DeviceType.HEATER, true);
            battery(s, 5);
            assertThat(s.fire()).extracting(Decision::device).containsExactly("heater");
        }
    }

    @Test
    void anOfflineRelayIsUnknownNotOffAndTheFloorStillAsksItOff() {
        try (EngineSession s = Rules.session()) {
            device(s, "heater", DeviceType.HEATER, true);
            Rules.offline(s, "heater", DeviceType.HEATER);
            assertThat(s.facts(DeviceStatus.class)).singleElement().satisfies(d -> {
                assertThat(d.online()).isFalse();
                assertThat(d.on()).isNull();
            });
            battery(s, 18);
            // Allowed: control finds the relay offline and queues the off until it is back.
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.on()).isFalse();
                assertThat(d.source()).isEqualTo(Source.SAFETY);
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
            });
        }
    }

    @Test
    void anEmergencyStopDoesNotHoldBackTheFloor() {
        try (EngineSession s = Rules.session()) {
            s.setEmergencyStop(new EmergencyStop(true, "alice", "storm", s.now().toEpochMilli()));
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 19);
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.source()).isEqualTo(Source.SAFETY);
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
            });
            // ... while an automated request is still refused.
            Decision automated = s.evaluate(ActionRequest.automation("miner-1", false, "x", "", s.now().toEpochMilli()));
            assertThat(automated.outcome()).isEqualTo(Outcome.BLOCKED);
        }
    }

    @Test
    void theFloorActsBeforeTheNextReadingWhenTheDrawWouldCrossCriticalMeanwhile() {
        try (EngineSession s = Rules.session(Rules.production(), FIVE_KWH)) {
            // A person switched it on: below the minimum the floor leaves it to them; only the floor takes it.
            battery(s, 40);
            device(s, "heater", DeviceType.HEATER, false);
            s.evaluate(ActionRequest.of("heater", true, Source.MANUAL, "alice", "", s.now()));
            device(s, "heater", DeviceType.HEATER, true);
            power(s, 0, 2_500, 0);
            battery(s, 23); // 2.5 kW for 3 minutes on 5 kWh is 2.5 points: 20.5 % by the next reading
            assertThat(s.fire()).isEmpty();
            minutesLater(s, 1);
            battery(s, 22.4); // 19.9 % by the next reading: at the floor already
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.device()).isEqualTo("heater");
                assertThat(d.source()).isEqualTo(Source.SAFETY);
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
                assertThat(d.facts().get("Battery floor: switch off the loads it sheds").toString())
                        .contains("BatteryOutlook");
            });
        }
    }

    @Test
    void sparseReadingsProjectFurtherAhead() {
        try (EngineSession s = Rules.session(Rules.production(), FIVE_KWH)) {
            battery(s, 45);
            device(s, "heater", DeviceType.HEATER, false);
            s.evaluate(ActionRequest.of("heater", true, Source.MANUAL, "alice", "", s.now()));
            device(s, "heater", DeviceType.HEATER, true);
            power(s, 0, 2_500, 0);
            battery(s, 40);
            minutesLater(s, 15);
            power(s, 0, 2_500, 0);
            battery(s, 27.5); // readings 15 minutes apart: 12.5 points by the next one, well below critical
            assertThat(s.fire()).extracting(Decision::source).containsExactly(Source.SAFETY);
        }
    }

    @Test
    void aChargeReadingThatDoesNotMoveWhileTheBatteryGivesKilowattsIsNotBelieved() {
        try (EngineSession s = Rules.session(Rules.production(), FIVE_KWH)) {
            battery(s, 35);
            device(s, "heater", DeviceType.HEATER, false);
            s.evaluate(ActionRequest.of("heater", true, Source.MANUAL, "alice", "", s.now()));
            device(s, "heater", DeviceType.HEATER, true);
            for (int minute = 0; minute <= 40; minute += 2) {
                power(s, 0, 2_500, 0);
                battery(s, 35); // a stuck sensor: 35 % for 40 minutes at 2.5 kW (about 33 points drawn)
                List<Decision> decisions = s.fire();
                if (!decisions.isEmpty()) {
                    assertThat(minute).as("shed before the estimate passed critical").isBetween(10, 26);
                    assertThat(decisions).extracting(Decision::source).containsOnly(Source.SAFETY);
                    return;
                }
                minutesLater(s, 2);
            }
            throw new AssertionError("a stuck charge reading kept the heater on");
        }
    }

    @Test
    void theLowBatteryAlarmHasHysteresis() {
        try (EngineSession s = Rules.session()) {
            battery(s, 31);
            s.fire();
            assertThat(s.drainAlarmChange()).isEmpty();
            Map<Double, Optional<BatteryAlarm.Level>> expected = new java.util.LinkedHashMap<>();
            for (double soc : new double[] {29.9, 30.5, 29.5, 32.9}) {
                minutesLater(s, 3);
                battery(s, soc);
                s.fire();
                Optional<AlarmChange> change = s.drainAlarmChange();
                if (soc == 29.9) {
                    assertThat(change).get().satisfies(c -> {
                        assertThat(c.from()).isNull();
                        assertThat(c.to()).isEqualTo(BatteryAlarm.Level.MINIMUM);
                    });
                } else {
                    assertThat(change).as("at %s %%: no repeat, no clear below 33 %%", soc).isEmpty();
                }
            }
            minutesLater(s, 3);
            battery(s, 33);
            s.fire();
            assertThat(s.drainAlarmChange()).get().satisfies(c -> assertThat(c.to()).isNull());
        }
    }

    @Test
    void anUnansweredAgentSuggestionStartsNoCooldownAndDoesNotDelayThePause() {
        try (EngineSession s = Rules.session()) {
            device(s, "miner-2", DeviceType.MINER, true);
            battery(s, 55);
            s.fire();
            // "Should I switch miner-2 off?": the rules allow it; it waits for a person.
            Decision suggestion = s.evaluate(ActionRequest.of("miner-2", false, Source.AGENT, "agent", "", s.now()));
            assertThat(suggestion.outcome()).isEqualTo(Outcome.ALLOWED);
            s.approvalPending(suggestion.requestId(), "miner-2", false, Source.AGENT);
            assertThat(s.query("active cooldowns")).isEmpty();
            minutesLater(s, 1);
            battery(s, 44.7); // below the pause threshold
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.device()).isEqualTo("miner-2");
                assertThat(d.source()).isEqualTo(Source.AUTOMATION);
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
            });
        }
    }

    @Test
    void anAutomatedActionHeldForConfirmationStartsNoCooldown() {
        try (EngineSession s = Rules.session()) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 45);
            Decision pause = s.fire().get(0);
            assertThat(pause.outcome()).isEqualTo(Outcome.ALLOWED);
            assertThat(s.query("active cooldowns")).hasSize(1);
            s.approvalPending(pause.requestId(), "miner-1", false, Source.AUTOMATION); // the owner confirms first
            assertThat(s.fire()).as("not asked again while it waits").isEmpty();
            assertThat(s.query("active cooldowns")).isEmpty();
        }
    }
}
