package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;

import io.commandcenter.engine.RuleDirectory;
import io.commandcenter.engine.RuleFile;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.testmode.SimulationReport.Action;
import org.junit.jupiter.api.Test;

/** Dry runs of the shipped scenarios that prove the battery floor and the hardware faults, as the gate runs them. */
class ShippedScenarioRunsTests {

    private static final String FLOOR_RULE = "Battery floor: switch off the loads it sheds";
    private static final String PAUSE_RULE = "Battery below the pause threshold: pause running miners";

    private static SimulationReport run(String file, SimulationOptions options) {
        return run(Scenario.resolve("simulation/scenarios/" + file), SettingsOverrides.defaults(), options);
    }

    private static SimulationReport run(Scenario scenario, SiteSettings settings, SimulationOptions options) {
        return ClosedLoopSimulation.run(scenario, TestRules.production(), settings, options).report();
    }

    private static SimulationOptions gate() {
        return SimulationOptions.defaults().withEmergencyStops(List.of(ScenarioSafetyGate.DRILL));
    }

    @Test
    void aHeaterLeftOnThroughTenOvercastDaysIsShedBeforeTheBatteryReachesCritical() {
        SimulationReport report = run("heater-overcast-spell.yaml", gate());

        assertThat(report.violations()).isEmpty();
        assertThat(report.actions()).filteredOn(a -> a.device().equals("water-heater")).first().satisfies(a -> {
            assertThat(a.on()).isFalse();
            assertThat(a.rule()).isEqualTo(FLOOR_RULE);
            assertThat(a.relay()).isEqualTo("SWITCHED");
            assertThat(a.soc()).isGreaterThanOrEqualTo(20);
        });
        assertThat(report.summary().simulatedHours()).isEqualTo(240.0);
    }

    @Test
    void withoutTheBatteryFloorTheSameHeaterDrainsTheBatteryBelowCritical() {
        List<RuleFile> noFloor = new RuleDirectory(RuleSets.DEFAULT_DIR).load().stream()
                .filter(f -> !f.name().equals("battery-floor.drl")).toList();
        SimulationReport report = ClosedLoopSimulation.run(Scenario.resolve("simulation/scenarios/heater-overcast-spell.yaml"),
                RuleSets.build(noFloor), SettingsOverrides.defaults(), gate()).report();

        assertThat(report.violations()).extracting(SimulationReport.Violation::type)
                .contains("SOC_BELOW_CRITICAL_WITH_LOAD_ON");
        assertThat(report.violations().get(0).device()).contains("water-heater");
    }

    @Test
    void sparseBatteryReadingsStillShedInTimeAndTheRulesActOnlyWhenAReadingCame() {
        SimulationReport report = run("sparse-battery-readings.yaml", gate());

        assertThat(report.violations()).isEmpty();
        assertThat(report.actions()).isNotEmpty()
                .allSatisfy(a -> assertThat(Instant.parse(a.at()).getEpochSecond() % (15 * 60)).as(a.at()).isZero());
    }

    @Test
    void aRelayThatIgnoresCommandsIsReportedAsTheHardwaresViolationWithTheAlertsTheOwnerGot() {
        SimulationReport report = run("relays-ignore-commands.yaml", gate());

        assertThat(report.violations()).singleElement().satisfies(v -> {
            assertThat(v.type()).isEqualTo("SOC_BELOW_CRITICAL_WITH_LOAD_ON");
            assertThat(v.device()).isEqualTo("miner-2");
            assertThat(v.hardwareRefused()).isTrue();
        });
        assertThat(RunRecorder.rulesViolations(report.violations())).isEmpty();
        assertThat(report.actions()).filteredOn(a -> a.device().equals("miner-2") && !a.on())
                .extracting(Action::relay).contains("IGNORED");
        assertThat(report.alerts()).extracting(SimulationReport.Alert::type)
                .contains("PROTECTIVE_OFF_FAILED", "LOW_BATTERY");
        assertThat(report.alerts()).filteredOn(a -> a.type().equals("PROTECTIVE_OFF_FAILED"))
                .extracting(SimulationReport.Alert::device).containsOnly("miner-2");
    }

    @Test
    void anEmergencyStopHeldThroughTheNightLetsOnlyTheFloorSwitchLoadsOff() {
        Scenario scenario = Scenario.resolve("simulation/scenarios/stop-through-night.yaml");
        SimulationReport report = run(scenario, SettingsOverrides.defaults(), gate());

        Instant from = scenario.start().plus(Duration.ofHours(18)), until = from.plus(Duration.ofHours(14));
        List<Action> duringStop = report.actions().stream()
                .filter(a -> !Instant.parse(a.at()).isBefore(from) && Instant.parse(a.at()).isBefore(until)).toList();
        assertThat(report.violations()).isEmpty();
        assertThat(duringStop).isNotEmpty().allSatisfy(a -> {
            assertThat(a.on()).isFalse();
            assertThat(a.rule()).isEqualTo(FLOOR_RULE);
        });
        assertThat(report.summary().minSoc().value()).isLessThan(20); // the essential pump and house load drain on
    }

    @Test
    void aStuckChargeSensorHidesTheFallingChargeFromThePauseButNotFromTheFloor() {
        Scenario sparse = Scenario.resolve("simulation/scenarios/sparse-battery-readings.yaml");
        Scenario stuck = sparse.withReadings(new Scenario.Readings(null,
                List.of(new Scenario.StuckSoc(Duration.ZERO, Duration.ofHours(12), 60.0)), List.of()));
        SimulationOptions halfDay = SimulationOptions.defaults().withDuration(Duration.ofHours(12));

        SimulationReport honest = run(sparse, SettingsOverrides.defaults(), halfDay);
        SimulationReport fooled = run(stuck, SettingsOverrides.defaults(), halfDay);

        assertThat(honest.actions()).first().satisfies(a -> assertThat(a.rule()).isEqualTo(PAUSE_RULE));
        // The sensor says 60 % all along, so the pause never comes; the floor counts the energy drawn
        // since the reading stopped moving and sheds the miners anyway.
        assertThat(fooled.actions()).isNotEmpty().allSatisfy(a -> {
            assertThat(a.on()).isFalse();
            assertThat(a.rule()).isEqualTo(FLOOR_RULE);
            assertThat(a.soc()).isLessThan(25);
        });
        assertThat(fooled.actions()).extracting(Action::device).containsExactlyInAnyOrder("miner-1", "miner-2");
    }

    @Test
    void aClockJumpMakesTheEngineTrustTheReadingsTimestamps() {
        Scenario summer = Scenario.resolve("simulation/scenarios/summer-week.yaml");
        SiteSettings confirmAnHour = SettingsOverrides.apply(SettingsOverrides.defaults(), Map.of("pauseConfirmMinutes", "60"));
        SimulationOptions day = SimulationOptions.defaults().withDuration(Duration.ofDays(1));
        Instant pause = firstPause(run(summer, confirmAnHour, day));

        // Ten minutes after the charge went below the pause threshold the readings' clock jumps an hour ahead:
        // the confirmation looks complete at once.
        Duration jumpAt = Duration.between(summer.start(), pause.minus(Duration.ofMinutes(50)));
        Scenario jumped = summer.withReadings(new Scenario.Readings(null, List.of(),
                List.of(new Scenario.ClockJump(jumpAt, Duration.ofHours(1)))));
        Instant early = firstPause(run(jumped, confirmAnHour, day));

        assertThat(early).isBefore(pause).isAfterOrEqualTo(summer.start().plus(jumpAt));
    }

    private static Instant firstPause(SimulationReport report) {
        return report.actions().stream().filter(a -> !a.on()).map(a -> Instant.parse(a.at())).findFirst().orElseThrow();
    }
}
