package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.LocalTime;
import java.util.List;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.IfThenRule.Condition;
import io.commandcenter.engine.IfThenRule.Trigger;
import io.commandcenter.engine.Schedule;
import io.commandcenter.engine.SiteMode;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.testmode.Replay.Side;
import io.commandcenter.testmode.SimulationReport.AutomationStep;
import io.commandcenter.workflow.Workflow;
import io.commandcenter.workflow.Workflow.Does;
import io.commandcenter.workflow.Workflow.Step;
import org.junit.jupiter.api.Test;

/**
 * Schedules and workflows in dry runs: the closed-loop simulation and a replay of recorded readings carry them out
 * with the facts and steps the live platform uses, and report what they did.
 */
class AutomationInDryRunTests {

    static final Scenario SUMMER = Scenario.resolve("simulation/scenarios/summer-week.yaml"); // America/Denver
    static final Duration TWO_DAYS = Duration.ofDays(2);

    /** Every day at 10:00 the water heater on for an hour. */
    static final Schedule HEAT = new Schedule("morning heat", true, Schedule.Repeat.DAILY, null, LocalTime.of(10, 0),
            List.of(), null, Schedule.Does.SWITCH, "water-heater", null, true, null, 60, null);
    /** Every day at 19:00 Storm prep. */
    static final Schedule STORM = new Schedule("storm at seven", true, Schedule.Repeat.DAILY, null, LocalTime.of(19, 0),
            List.of(), null, Schedule.Does.SET_MODE, null, null, null, "Storm prep", null, null);

    /** At 18:00: heater off → wait 10 min → if the battery is below 40 % pause the miners, else notify. */
    static final Workflow SHED = new Workflow("Evening shed", true, LocalTime.of(18, 0), List.of(), List.of(
            new Step("heater-off", Does.SWITCH, "water-heater", null, false, null, null, null, null, null, null, null,
                    null, null),
            new Step("wait", Does.WAIT, null, null, null, 10, null, null, null, null, null, null, null, null),
            new Step("low", Does.BRANCH, null, null, null, null, null,
                    List.of(new Condition(Trigger.SOC, null, 40.0, null, null, null, null, null, null, null)), null, null,
                    null, null, "pause", "tell"),
            new Step("pause", Does.SWITCH, null, DeviceType.MINER, false, null, null, null, null, null, null, null,
                    "end", null),
            new Step("tell", Does.NOTIFY, null, null, null, null, null, null, null, null, "battery fine", null, null,
                    null)));

    static final List<SiteMode> MODES = List.of(SiteMode.normal(),
            new SiteMode("Storm prep", "", 60.0, null, null, null, true));
    static final Automation AUTOMATION = new Automation(List.of(HEAT, STORM), List.of(SHED), MODES);

    private static SimulationOptions options(List<SimulationOptions.EmergencyStopWindow> stops) {
        return new SimulationOptions(TWO_DAYS, stops, 100_000, null);
    }

    private static List<String> path(SimulationReport report) {
        return report.automation().stream().map(a -> a.what() + " " + a.by() + ": " + a.detail()).toList();
    }

    @Test
    void aRecurringScheduleAndAWorkflowRunInTheSimulationAndInAReplayWithTheSameOutcome() {
        SimulationReport simulated = ClosedLoopSimulation.run(SUMMER, TestRules.production(),
                SettingsOverrides.defaults(), options(List.of()), AUTOMATION).report();
        RecordedReadings recorded = ScenarioReadings.record(SUMMER, TWO_DAYS);
        Side live = new Side(TestRules.production(), SettingsOverrides.defaults());
        SimulationReport replayed = Replay.run(recorded, live,
                new Side(TestRules.production(), SettingsOverrides.defaults(), AUTOMATION), 500, null).report();

        assertThat(path(simulated)).as("each day: the heat schedule, the shed workflow's steps, the mode switch")
                .contains("SCHEDULE schedule / morning heat: every day at 10:00: switch water-heater on for 60 minutes",
                        "WORKFLOW_STEP workflow / Evening shed / heater-off: switch water-heater off: already water-heater off",
                        "WORKFLOW_STEP workflow / Evening shed / wait: wait 10 min: waited 10 min",
                        "WORKFLOW_STEP workflow / Evening shed / tell: notify me (\"battery fine\"): sent to the owner",
                        "NOTIFY workflow / Evening shed / tell: battery fine",
                        "WORKFLOW_RUN workflow / Evening shed: finished: finished",
                        "SCHEDULE schedule / storm at seven: every day at 19:00: set the site mode to Storm prep");
        assertThat(path(replayed)).as("the replay of the same days does the same").isEqualTo(path(simulated));
        assertThat(simulated.automation()).extracting(AutomationStep::at).contains("2025-06-16T16:00:00Z",
                "2025-06-17T16:00:00Z"); // 10:00 in Denver (summer time)

        assertThat(simulated.actions()).anySatisfy(a -> {
            assertThat(a.device()).isEqualTo("water-heater");
            assertThat(a.on()).isTrue();
            assertThat(a.rule()).isEqualTo("schedule / morning heat");
        }).anySatisfy(a -> {
            assertThat(a.rule()).as("switched back after its hour").isEqualTo("schedule / morning heat (end)");
            assertThat(a.on()).isFalse();
        });
        assertThat(replayed.diff()).as("only the candidate has the automation").anySatisfy(d -> {
            assertThat(d.device()).isEqualTo("water-heater");
            assertThat(d.change()).isEqualTo("ONLY_CANDIDATE");
        });
        assertThat(simulated.violations()).isEmpty();
    }

    @Test
    void aReplayWithTheSameAutomationOnBothSidesMarksEveryStepAsLiveToo() {
        RecordedReadings recorded = ScenarioReadings.record(SUMMER, Duration.ofDays(1));
        Side both = new Side(TestRules.production(), SettingsOverrides.defaults(), AUTOMATION);

        SimulationReport report = Replay.run(recorded, both, both, 500, null).report();

        assertThat(report.automation()).isNotEmpty().allMatch(AutomationStep::alsoLive);
        assertThat(report.diff()).isEmpty();
    }

    @Test
    void theEmergencyStopInADryRunHaltsTheWorkflowAndSkipsTheModeSwitch() {
        // STOP from 17:50 to 19:30 local on the first day (the run starts at midnight local).
        var stop = new SimulationOptions.EmergencyStopWindow(Duration.ofHours(17).plusMinutes(50), Duration.ofMinutes(100));

        SimulationReport report = ClosedLoopSimulation.run(SUMMER, TestRules.production(), SettingsOverrides.defaults(),
                new SimulationOptions(Duration.ofDays(1), List.of(stop), 100_000, null), AUTOMATION).report();

        assertThat(path(report)).contains("WORKFLOW_RUN workflow / Evening shed: halted: halted by the emergency stop at"
                        + " step heater-off",
                "SCHEDULE schedule / storm at seven: skipped: the emergency stop is on");
        assertThat(report.actions()).noneMatch(a -> a.rule().startsWith("workflow /"));
        assertThat(path(report)).noneMatch(p -> p.startsWith("SET_MODE"));
    }
}
