package io.commandcenter.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.EngineSession;
import io.commandcenter.engine.EngineSession.ClockMode;
import io.commandcenter.engine.IfThenRule.Condition;
import io.commandcenter.engine.IfThenRule.Trigger;
import io.commandcenter.engine.Source;
import io.commandcenter.engine.facts.BatteryLevel;
import io.commandcenter.engine.facts.DevicePower;
import io.commandcenter.engine.facts.EmergencyStop;
import io.commandcenter.engine.facts.DailyWindow;
import io.commandcenter.engine.facts.PowerFlow;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.testmode.TestRules;
import io.commandcenter.workflow.Workflow.Does;
import io.commandcenter.workflow.Workflow.Step;
import io.commandcenter.workflow.WorkflowRun.Status;
import org.junit.jupiter.api.Test;

/**
 * Workflows step by step on a pseudo clock, through the production rules: each branch, a blocked step, a wait that
 * times out, STOP in the middle, and a run picked up again from its stored state (a restart).
 */
class WorkflowRunnerTests {

    static final Instant EVENING = Instant.parse("2026-01-05T18:00:00Z"); // a Monday

    static Condition socBelow(double below) {
        return new Condition(Trigger.SOC, null, below, null, null, null, null, null, null, null);
    }

    static Step step(String id, Does does) {
        return new Step(id, does, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    static Step switchStep(String id, String device, DeviceType type, boolean on, String otherwise) {
        return new Step(id, Does.SWITCH, device, type, on, null, null, null, null, null, null, null, null, otherwise);
    }

    /** "Evening shed: water heater off → wait 10 min → if SOC < 40 % pause miners, else notify me → at 06:00 resume". */
    static Workflow eveningShed() {
        return new Workflow("Evening shed", true, null, List.of(), List.of(
                switchStep("heater-off", "water-heater", null, false, null),
                new Step("wait", Does.WAIT, null, null, null, 10, null, null, null, null, null, null, null, null),
                new Step("low", Does.BRANCH, null, null, null, null, null, List.of(socBelow(40)), null, null, null,
                        null, "pause", "tell"),
                new Step("pause", Does.SWITCH, null, DeviceType.MINER, false, null, null, null, null, null, null, null,
                        "morning", null),
                new Step("tell", Does.NOTIFY, null, null, null, null, null, null, null, null,
                        "The battery is fine, the miners keep running", null, null, null),
                new Step("morning", Does.WAIT, null, null, null, null, LocalTime.of(6, 0), null, null, null, null, null,
                        null, null),
                switchStep("resume", null, DeviceType.MINER, true, null)));
    }

    /** A session with the production rules, the heater and two miners on, at {@code soc}. */
    static final class Site implements AutoCloseable {
        final EngineSession session;
        final List<WorkflowRunner.Effect> effects = new ArrayList<>();
        final List<Decision> decisions = new ArrayList<>();
        final WorkflowsInSession workflows;
        double soc;
        final java.util.Map<String, Boolean> relays = new java.util.TreeMap<>();

        Site(double soc, Workflow... workflows) {
            // The shipped miner rules pause miners below 22 % here, so what the miners do is the workflow's.
            this.session = EngineSession.start(TestRules.production(), ClockMode.PSEUDO, ZoneOffset.UTC, EVENING,
                    new SiteSettings(20, 30, 80, 22, 30, 5000, DailyWindow.NEVER, DailyWindow.NEVER, 10 * 60_000L,
                            60 * 60_000L, 0), 1);
            this.soc = soc;
            relays.put("water-heater", true);
            relays.put("miner-1", true);
            relays.put("miner-2", true);
            this.workflows = new WorkflowsInSession(session, ZoneOffset.UTC, List.of(workflows),
                    (run, effect) -> this.effects.add(effect));
        }

        /** Readings now; the relays obey what the rules allowed (a closed loop), then the workflows look. */
        void tick() {
            long now = session.now().toEpochMilli();
            session.insertBattery(new BatteryLevel("home", now, soc));
            session.insertPower(new PowerFlow("home", now, 0, 2500, 0));
            relays.forEach((name, on) -> session.insertDevice(new DevicePower(name, now, true, on, on ? 1500.0 : 0.0),
                    name.startsWith("miner") ? DeviceType.MINER : DeviceType.HEATER, 1500));
            List<Decision> fired = new ArrayList<>(session.fire());
            fired.addAll(workflows.look(fired, List.of()));
            for (Decision d : fired) {
                decisions.add(d);
                if (d.allowed()) {
                    relays.put(d.device(), d.on());
                }
            }
        }

        void minutes(int minutes) {
            for (int i = 0; i < minutes; i += 2) {
                session.advanceTo(session.now().plusSeconds(120));
                tick();
            }
        }

        WorkflowRun run() {
            return workflows.runs().get(0);
        }

        List<String> path() {
            return workflows.steps().stream().map(s -> s.step() + ": " + s.outcome()).toList();
        }

        @Override
        public void close() {
            session.close();
        }
    }

    @Test
    void aLowBatteryTakesTheYesBranchAndTheMinersResumeAtSixInTheMorning() {
        try (Site site = new Site(35, eveningShed())) {
            site.workflows.start(eveningShed(), "alice");
            site.tick();
            assertThat(site.relays.get("water-heater")).as("the first step at once").isFalse();
            assertThat(site.run().step()).isEqualTo("wait");

            site.minutes(8);
            assertThat(site.run().step()).as("still waiting").isEqualTo("wait");
            site.minutes(4);

            assertThat(site.relays).containsEntry("miner-1", false).containsEntry("miner-2", false);
            assertThat(site.run().step()).isEqualTo("morning");
            assertThat(site.effects).as("the yes branch does not notify").isEmpty();

            site.minutes(12 * 60);
            assertThat(site.run().status()).isEqualTo(Status.FINISHED);
            assertThat(site.relays).containsEntry("miner-1", true).containsEntry("miner-2", true);
            assertThat(site.path()).extracting(p -> p.substring(0, p.indexOf(':'))).containsExactly(
                    "heater-off", "wait", "low", "pause", "morning", "resume");
            assertThat(site.path().get(2)).isEqualTo("low: yes: the conditions held");
            Decision resumed = site.decisions.stream().filter(d -> d.device().equals("miner-1") && d.on()).findFirst()
                    .orElseThrow();
            assertThat(resumed.source()).isEqualTo(Source.AUTOMATION);
            assertThat(resumed.requestedBy()).isEqualTo("workflow / Evening shed / resume");
            assertThat(resumed.decidedAt()).isEqualTo(Instant.parse("2026-01-06T06:00:00Z"));
        }
    }

    @Test
    void aGoodBatteryTakesTheElseBranchAndNotifiesOnce() {
        try (Site site = new Site(60, eveningShed())) {
            site.workflows.start(eveningShed(), "alice");
            site.tick();
            site.minutes(12);

            assertThat(site.relays).containsEntry("water-heater", false).containsEntry("miner-1", true);
            assertThat(site.effects).singleElement().isEqualTo(new WorkflowRunner.Notify("workflow / Evening shed / tell",
                    "The battery is fine, the miners keep running", false));
            assertThat(site.run().step()).isEqualTo("morning");
            assertThat(site.path()).extracting(p -> p.substring(0, p.indexOf(':')))
                    .containsExactly("heater-off", "wait", "low", "tell");
        }
    }

    @Test
    void aStepTheRulesBlockGoesWhereTheWorkflowSaysOrEndsTheRun() {
        // Below the critical charge nothing switches a non-essential load on: the safety rules block the step.
        Workflow heat = new Workflow("Heat", true, null, List.of(), List.of(
                switchStep("heat", "water-heater", null, true, "tell"),
                new Step("tell", Does.NOTIFY, null, null, null, null, null, null, null, null, "could not heat", true,
                        null, null)));
        Workflow heatOrEnd = new Workflow("Heat or end", true, null, List.of(),
                List.of(switchStep("heat", "water-heater", null, true, null)));
        try (Site site = new Site(15)) {
            site.relays.put("water-heater", false);
            site.workflows.start(heat, "alice");
            site.workflows.start(heatOrEnd, "alice");
            site.tick();

            assertThat(site.relays.get("water-heater")).isFalse();
            WorkflowRun first = site.workflows.runs().get(0);
            WorkflowRun second = site.workflows.runs().get(1);
            assertThat(first.status()).isEqualTo(Status.FINISHED);
            assertThat(site.effects).singleElement().isEqualTo(
                    new WorkflowRunner.Notify("workflow / Heat / tell", "could not heat", true));
            assertThat(second.status()).isEqualTo(Status.BLOCKED);
            assertThat(second.outcome()).startsWith("ended at step heat: blocked by the rules — water-heater: ");
        }
    }

    @Test
    void aWaitForConditionsThatNeverHoldTimesOutAndGoesOn() {
        Workflow w = new Workflow("Wait for sun", true, null, List.of(), List.of(
                new Step("sun", Does.WAIT, null, null, null, null, null,
                        List.of(new Condition(Trigger.PV, 1000.0, null, null, null, null, null, null, null, null)), 30,
                        null, null, null, null, "give-up"),
                switchStep("heat", "water-heater", null, true, null),
                new Step("give-up", Does.NOTIFY, null, null, null, null, null, null, null, null, "no sun today", null,
                        null, null)));
        try (Site site = new Site(70)) {
            site.relays.put("water-heater", false);
            site.workflows.start(w, "alice");
            site.tick();
            site.minutes(28);
            assertThat(site.run().step()).isEqualTo("sun");
            site.minutes(4);

            assertThat(site.run().status()).isEqualTo(Status.FINISHED);
            assertThat(site.path()).containsExactly(
                    "sun: timed out after 30 min: the conditions did not hold; going on at give-up", "give-up: sent to the owner");
            assertThat(site.relays.get("water-heater")).as("the skipped step never ran").isFalse();
        }
    }

    @Test
    void theEmergencyStopHaltsARunningWorkflowAndItsNextStepNeverRuns() {
        try (Site site = new Site(35, eveningShed())) {
            site.workflows.start(eveningShed(), "alice");
            site.tick();
            site.minutes(4);
            site.session.setEmergencyStop(new EmergencyStop(true, "bob", "smoke", site.session.now().toEpochMilli()));
            site.minutes(20);

            assertThat(site.run().status()).isEqualTo(Status.HALTED);
            assertThat(site.run().outcome()).isEqualTo("halted by the emergency stop at step wait");
            assertThat(site.relays).as("the miners were never paused").containsEntry("miner-1", true);
            site.session.setEmergencyStop(EmergencyStop.released());
            site.minutes(20);
            assertThat(site.relays).as("released: the halted run stays halted").containsEntry("miner-1", true);
        }
    }

    @Test
    void aRunPickedUpFromItsStoredStateGoesOnWhereItStoodWithoutRepeatingAStep() {
        try (Site before = new Site(35, eveningShed())) {
            before.workflows.start(eveningShed(), "alice");
            before.tick();
            before.minutes(4);
            WorkflowRun stored = before.run();
            assertThat(stored.step()).isEqualTo("wait");

            // A new session (the platform restarted) with the heater off as it now reads, and the run as stored.
            try (Site after = new Site(35)) {
                after.relays.put("water-heater", false);
                after.session.advanceTo(before.session.now().plusSeconds(60));
                after.workflows.resume(stored);
                after.tick();
                after.minutes(10);

                assertThat(after.path()).extracting(p -> p.substring(0, p.indexOf(':')))
                        .as("on from the wait, the heater step not taken again").containsExactly("wait", "low", "pause");
                assertThat(after.decisions).noneMatch(d -> d.requestedBy().endsWith("/ heater-off"));
                assertThat(after.relays).containsEntry("miner-1", false);
                assertThat(after.run().stepsTaken()).isEqualTo(stored.stepsTaken() + 3);
            }
        }
    }

    @Test
    void waitingUntilAMorningTimeIsLocalTimeAcrossTheDaylightSavingChange() {
        ZoneId berlin = ZoneId.of("Europe/Berlin");
        // The night clocks go forward (29 March 2026): 06:00 local is 04:00 UTC, not 05:00.
        Instant evening = Instant.parse("2026-03-28T20:00:00Z");
        assertThat(WorkflowRunner.nextLocal(evening, LocalTime.of(6, 0), berlin))
                .isEqualTo(Instant.parse("2026-03-29T04:00:00Z"));
        // A time the clocks skip runs at the first moment after the gap.
        assertThat(WorkflowRunner.nextLocal(evening, LocalTime.of(2, 30), berlin))
                .isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
    }
}
