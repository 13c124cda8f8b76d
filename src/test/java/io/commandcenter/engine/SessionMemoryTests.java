package io.commandcenter.engine;

import static io.commandcenter.engine.Rules.battery;
import static io.commandcenter.engine.Rules.device;
import static io.commandcenter.engine.Rules.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.EngineSession.ClockMode;
import io.commandcenter.engine.EngineSession.Memory;
import io.commandcenter.engine.EngineSession.MemoryChange;
import io.commandcenter.engine.facts.BatteryAlarm;
import io.commandcenter.engine.facts.LastCommand;
import io.commandcenter.engine.facts.LastProposal;
import io.commandcenter.engine.facts.SiteSettings;
import org.junit.jupiter.api.Test;

/**
 * What the engine remembers survives a restart: a session's {@link Memory} restored into a new one
 * started later (the platform was down meanwhile) decides as the old one would have. The rules' clock
 * decides what ended while it was down. Defaults: hold 60 min, cooldown 10 min, minimum 30 %.
 */
class SessionMemoryTests {

    /** A new session started {@code minutes} after {@link Rules#START}, as after a restart, with the memory restored. */
    private static EngineSession restartedAfter(int minutes, Memory memory, SiteSettings settings) {
        EngineSession s = EngineSession.start(Rules.production(), ClockMode.PSEUDO, ZoneOffset.UTC,
                Rules.START.plus(Duration.ofMinutes(minutes)), settings, 1);
        s.remember(memory);
        return s;
    }

    private static EngineSession restartedAfter(int minutes, Memory memory) {
        return restartedAfter(minutes, memory, Rules.defaults());
    }

    private static Memory aPersonSwitchedMinerOneOn() {
        try (EngineSession s = Rules.session()) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 60);
            s.fire();
            assertThat(s.evaluate(Rules.manual("miner-1", true)).outcome()).isEqualTo(Outcome.ALLOWED);
            return s.memory();
        }
    }

    @Test
    void aManualHoldStillBlocksAutomationAfterARestart() {
        Memory memory = aPersonSwitchedMinerOneOn();
        assertThat(memory.lastCommands()).singleElement().satisfies(c -> {
            assertThat(c.source()).isEqualTo(Source.MANUAL);
            assertThat(c.holdUntil()).isEqualTo(Rules.START.plus(Duration.ofHours(1)).toEpochMilli());
        });

        try (EngineSession s = restartedAfter(20, memory)) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 45); // below the pause threshold: automation would pause it, but the hold stands
            assertThat(s.fire()).isEmpty();
            Decision pause = s.evaluate(ActionRequest.automation("miner-1", false, "miners.drl", "test", s.now().toEpochMilli()));
            assertThat(pause.outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(pause.reasons()).contains("device held by a MANUAL command");

            minutesLater(s, 41); // the hour of holding is over
            battery(s, 45);
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.on()).isFalse();
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
            });
        }
    }

    @Test
    void aHoldThatEndedWhileThePlatformWasDownNoLongerBlocks() {
        Memory memory = aPersonSwitchedMinerOneOn();

        try (EngineSession s = restartedAfter(120, memory)) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 45);
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.device()).isEqualTo("miner-1");
                assertThat(d.on()).isFalse();
                assertThat(d.source()).isEqualTo(Source.AUTOMATION);
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
            });
            assertThat(s.query("held devices")).isEmpty();
        }
    }

    @Test
    void aCooldownSurvivesARestart() {
        Memory memory;
        try (EngineSession s = Rules.session()) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 45);
            assertThat(s.fire()).singleElement().extracting(Decision::on).isEqualTo(false);
            memory = s.memory(); // the relay has not switched yet: restarted before the pause was carried out
        }
        assertThat(memory.lastProposals()).extracting(LastProposal::device).containsExactly("miner-1");

        try (EngineSession s = restartedAfter(3, memory)) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 45);
            assertThat(s.fire()).as("still cooling down").isEmpty();
            assertThat(s.query("active cooldowns")).hasSize(1);

            minutesLater(s, 8); // ten minutes after the pause: asked again
            battery(s, 45);
            assertThat(s.fire()).singleElement().extracting(Decision::on).isEqualTo(false);
        }
    }

    @Test
    void theLowBatteryAlarmIsNotSentAgainAfterARestartAndStillClears() {
        Memory memory;
        try (EngineSession s = Rules.session()) {
            battery(s, 29);
            s.fire();
            assertThat(s.drainAlarmChange()).get().extracting(EngineSession.AlarmChange::to)
                    .isEqualTo(BatteryAlarm.Level.MINIMUM);
            memory = s.memory();
        }
        assertThat(memory.batteryAlarm()).isNotNull();

        try (EngineSession s = restartedAfter(5, memory)) {
            battery(s, 29.5);
            s.fire();
            assertThat(s.drainAlarmChange()).as("the owner was told before the restart").isEmpty();
            assertThat(s.facts(BatteryAlarm.class)).containsExactly(memory.batteryAlarm());

            minutesLater(s, 5);
            battery(s, 33); // three points above the minimum
            s.fire();
            assertThat(s.drainAlarmChange()).get().satisfies(change -> {
                assertThat(change.from()).isEqualTo(BatteryAlarm.Level.MINIMUM);
                assertThat(change.to()).isNull();
            });
        }
    }

    @Test
    void theTimeBelowThePauseThresholdCountsFromBeforeTheRestart() {
        SiteSettings d = Rules.defaults();
        SiteSettings confirm5 = new SiteSettings(d.criticalSoc(), d.minSoc(), d.targetSoc(), d.pauseMinersBelow(),
                d.resumeMinersAbove(), d.maxGridDraw(), d.solarPriorityHours(), d.quietHours(),
                d.minerCooldownMillis(), d.manualHoldMillis(), 5 * 60_000L);
        Memory memory;
        try (EngineSession s = Rules.session(Rules.production(), confirm5)) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 48);
            assertThat(s.fire()).isEmpty();
            memory = s.memory();
        }
        assertThat(memory.belowPauseThreshold()).isNotNull();

        try (EngineSession s = restartedAfter(6, memory, confirm5)) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 48); // below for six minutes, not since the restart
            assertThat(s.fire()).singleElement().extracting(Decision::on).isEqualTo(false);
        }
    }

    @Test
    void aProtectiveOffInProgressIsNotSentAgainRightAfterARestart() {
        Memory memory;
        try (EngineSession s = Rules.session()) {
            device(s, "heater", DeviceType.HEATER, true);
            battery(s, 18);
            assertThat(s.fire()).singleElement().extracting(Decision::source).isEqualTo(Source.SAFETY);
            memory = s.memory();
        }
        assertThat(memory.lastCommands()).singleElement().extracting(LastCommand::carriedOut).isEqualTo(false);

        try (EngineSession s = restartedAfter(1, memory)) {
            device(s, "heater", DeviceType.HEATER, true); // control is still retrying it
            battery(s, 18);
            assertThat(s.fire()).isEmpty();

            minutesLater(s, 3); // its three minutes are over and the relay still shows it on
            battery(s, 18);
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.source()).isEqualTo(Source.SAFETY);
                assertThat(d.on()).isFalse();
            });
        }
    }

    @Test
    void aRestoredMemoryIsWhatWasRememberedAndIsNotHandedOutAsAChange() {
        Memory memory;
        try (EngineSession s = Rules.session()) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 29);
            s.fire();
            device(s, "miner-1", DeviceType.MINER, false); // carried out
            memory = s.memory();
        }
        assertThat(memory.lastCommands()).singleElement().extracting(LastCommand::carriedOut).isEqualTo(true);

        try (EngineSession s = restartedAfter(1, memory)) {
            assertThat(s.memory()).isEqualTo(memory);
            assertThat(s.drainMemoryChange()).isEmpty();
        }
    }

    @Test
    void handsOutOnlyWhatChanged() {
        try (EngineSession s = Rules.session()) {
            device(s, "miner-1", DeviceType.MINER, true);
            device(s, "pump", DeviceType.PUMP, true);
            battery(s, 60);
            s.fire();
            assertThat(s.drainMemoryChange()).as("nothing remembered yet").isEmpty();

            s.evaluate(Rules.manual("pump", false));
            MemoryChange first = s.drainMemoryChange().orElseThrow();
            assertThat(first.lastCommands()).extracting(LastCommand::device).containsExactly("pump");
            assertThat(first.lastProposals()).isEmpty();
            assertThat(first.batteryChanged()).isFalse();
            assertThat(s.drainMemoryChange()).isEmpty();

            minutesLater(s, 1);
            battery(s, 45); // automation pauses miner-1; the charge went below the pause threshold
            s.fire();
            MemoryChange second = s.drainMemoryChange().orElseThrow();
            assertThat(second.lastCommands()).extracting(LastCommand::device).containsExactly("miner-1");
            assertThat(second.lastProposals()).extracting(LastProposal::device).containsExactly("miner-1");
            assertThat(second.batteryChanged()).isTrue();
            assertThat(second.belowPauseThreshold()).isNotNull();
            assertThat(second.batteryAlarm()).isNull();
        }
    }

    @Test
    void aLaterChangeWinsWhenTwoAreWrittenAsOne() {
        LastCommand off = new LastCommand("pump", false, Source.MANUAL, "alice", 1, 0, false);
        LastCommand on = new LastCommand("pump", true, Source.MANUAL, "alice", 2, 0, false);
        LastProposal proposal = new LastProposal("miner-1", false, 1);
        MemoryChange earlier = new MemoryChange(List.of(off), Set.of(), List.of(proposal), Set.of(), true, null,
                BatteryAlarm.minimum(29, 1));
        MemoryChange later = new MemoryChange(List.of(on), Set.of(), List.of(), Set.of("miner-1"), false, null, null);

        MemoryChange both = earlier.followedBy(later);

        assertThat(both.lastCommands()).containsExactly(on);
        assertThat(both.lastProposals()).isEmpty();
        assertThat(both.proposalsForgotten()).containsExactly("miner-1");
        assertThat(both.batteryChanged()).isTrue();
        assertThat(both.batteryAlarm()).as("the later change left the battery alone").isEqualTo(BatteryAlarm.minimum(29, 1));
        assertThat(later.followedBy(new MemoryChange(List.of(), Set.of("pump"), List.of(proposal), Set.of(), false,
                null, null))).satisfies(c -> {
                    assertThat(c.lastCommands()).isEmpty();
                    assertThat(c.commandsForgotten()).containsExactly("pump");
                    assertThat(c.lastProposals()).containsExactly(proposal);
                    assertThat(c.proposalsForgotten()).isEmpty();
                });
    }
}
