package io.commandcenter.engine;

import static io.commandcenter.engine.Rules.battery;
import static io.commandcenter.engine.Rules.device;
import static org.assertj.core.api.Assertions.assertThat;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.facts.LastCommand;
import org.junit.jupiter.api.Test;

/**
 * The rules reserve a device for a command they allow, and control's answer settles it: only a command carried out
 * keeps holding the device. A manual command control could not carry out (busy, offline, failed, would execute)
 * must not keep automation off the device for an hour.
 */
class CommandOutcomeTests {

    private static Decision pauseMinerOne(EngineSession s) {
        return s.evaluate(ActionRequest.automation("miner-1", false, "miners.drl", "test", s.now().toEpochMilli()));
    }

    private static EngineSession aPersonAskedMinerOneOn(Decision[] manual) {
        EngineSession s = Rules.session();
        device(s, "miner-1", DeviceType.MINER, true);
        battery(s, 60);
        s.fire();
        manual[0] = s.evaluate(Rules.manual("miner-1", true));
        assertThat(manual[0].outcome()).isEqualTo(Outcome.ALLOWED);
        return s;
    }

    @Test
    void aManualCommandControlDidNotCarryOutLeavesNoHold() {
        Decision[] manual = new Decision[1];
        try (EngineSession s = aPersonAskedMinerOneOn(manual)) {
            assertThat(pauseMinerOne(s).reasons()).as("reserved while control works on it")
                    .contains("device held by a MANUAL command");

            s.commandSettled(manual[0].requestId(), false);

            Decision pause = pauseMinerOne(s);
            assertThat(pause.reasons()).doesNotContain("device held by a MANUAL command");
            assertThat(pause.outcome()).isEqualTo(Outcome.ALLOWED);
        }
    }

    @Test
    void aManualCommandCarriedOutKeepsHoldingAndCountsAsDone() {
        Decision[] manual = new Decision[1];
        try (EngineSession s = aPersonAskedMinerOneOn(manual)) {
            s.commandSettled(manual[0].requestId(), true);

            assertThat(pauseMinerOne(s).outcome()).isEqualTo(Outcome.BLOCKED);
            assertThat(s.memory().lastCommands()).singleElement().satisfies(c -> {
                assertThat(c.holdUntil()).isPositive();
                assertThat(c.carriedOut()).isTrue();
            });
        }
    }

    @Test
    void anEarlierCommandsFailureDoesNotUndoALaterOne() {
        Decision[] first = new Decision[1];
        try (EngineSession s = aPersonAskedMinerOneOn(first)) {
            Rules.minutesLater(s, 1);
            Decision second = s.evaluate(ActionRequest.of("miner-1", true, Source.MANUAL, "alice", "again", s.now()));
            assertThat(second.outcome()).as("%s", second.reasons()).isEqualTo(Outcome.ALLOWED);

            s.commandSettled(first[0].requestId(), false);

            assertThat(s.memory().lastCommands()).singleElement().extracting(LastCommand::at)
                    .isEqualTo(s.now().toEpochMilli());
            assertThat(pauseMinerOne(s).reasons()).contains("device held by a MANUAL command");
        }
    }

    @Test
    void aProtectiveOffThatDidNotTakeStaysStanding() {
        try (EngineSession s = Rules.session()) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 60);
            s.fire();
            Decision off = s.evaluate(ActionRequest.safety("miner-1", "battery-floor.drl", "test",
                    s.now().toEpochMilli()));
            assertThat(off.outcome()).isEqualTo(Outcome.ALLOWED);

            s.commandSettled(off.requestId(), false);

            assertThat(s.memory().lastCommands()).singleElement().satisfies(c -> {
                assertThat(c.source()).isEqualTo(Source.SAFETY);
                assertThat(c.carriedOut()).isFalse();
            });
        }
    }
}
