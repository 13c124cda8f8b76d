package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.testmode.SimulationOptions.EmergencyStopWindow;
import io.commandcenter.testmode.SimulationReport.Action;
import io.commandcenter.testmode.SimulationReport.Point;
import org.junit.jupiter.api.Test;

class ClosedLoopSimulationTests {

    private static final Scenario SUMMER = Scenario.resolve("simulation/scenarios/summer-week.yaml");
    private static final String PAUSE_RULE = "Battery below the pause threshold: pause running miners";
    private static final String RESUME_RULE = "Battery above the resume threshold: resume miners that automation paused";

    private static RunResult run(Scenario scenario, SiteSettings settings, SimulationOptions options) {
        return ClosedLoopSimulation.run(scenario, TestRules.production(), settings, options);
    }

    private static SimulationOptions everySample(Duration span) {
        return new SimulationOptions(span, List.of(), 100_000, null);
    }

    @Test
    void pausedMinersLowerTheLoadAndResumeWhenTheBatteryRecovers() {
        RunResult result = run(SUMMER, SettingsOverrides.defaults(), everySample(Duration.ofDays(2)));
        SimulationReport report = result.report();

        Action firstPause = report.actions().get(0);
        assertThat(firstPause.on()).isFalse();
        assertThat(firstPause.rule()).isEqualTo(PAUSE_RULE);
        assertThat(firstPause.relay()).isEqualTo("SWITCHED");
        assertThat(firstPause.soc()).isLessThan(50);
        assertThat(firstPause.firedRules()).contains("Battery below the miner pause threshold for the confirmation time");
        assertThat(report.actions()).anySatisfy(a -> {
            assertThat(a.on()).isTrue();
            assertThat(a.rule()).isEqualTo(RESUME_RULE);
            assertThat(a.soc()).isGreaterThan(80);
        });

        // Closed loop: both miners went off at that step, so its sample (taken after the rules acted) draws
        // about 2 x 1400 W less than the one before.
        List<Point> series = report.series();
        int at = indexOf(series, firstPause.at());
        long pausedTogether = report.actions().stream().filter(a -> a.at().equals(firstPause.at()) && !a.on()).count();
        assertThat(pausedTogether).isEqualTo(2);
        assertThat(series.get(at - 1).loadW() - series.get(at).loadW()).isGreaterThan(2 * 1300);

        assertThat(report.summary().minerRunHours().get("miner-1")).isLessThan(48).isGreaterThan(0);
        assertThat(report.summary().steps()).isEqualTo(2 * 24 * 30);
        assertThat(report.violations()).isEmpty();
    }

    @Test
    void ownerOverridesChangeWhenMinersPause() {
        SiteSettings lower = SettingsOverrides.apply(SettingsOverrides.defaults(), Map.of("pauseMinersBelow", "40"));
        SimulationReport withDefaults = run(SUMMER, SettingsOverrides.defaults(), everySample(Duration.ofDays(1))).report();
        SimulationReport withLower = run(SUMMER, lower, everySample(Duration.ofDays(1))).report();

        Action defaultPause = withDefaults.actions().get(0);
        Action lowerPause = withLower.actions().get(0);
        assertThat(lowerPause.soc()).isLessThan(40);
        assertThat(Instant.parse(lowerPause.at())).isAfter(Instant.parse(defaultPause.at()));
        assertThat(withLower.summary().settings()).containsEntry("pauseMinersBelow", "40");
        assertThat(withLower.summary().minSoc().value()).isLessThan(withDefaults.summary().minSoc().value());
    }

    @Test
    void emergencyStopRefusesAutomationWithoutViolation() {
        // The charge starts below the pause threshold; the stop is held for the first hour.
        var stop = new EmergencyStopWindow(Duration.ZERO, Duration.ofHours(1));
        Scenario lowStart = Scenario.parse("low.yaml", """
                name: low-start
                seed: 3
                start: 2025-06-16T00:00
                timezone: UTC
                duration: PT8H
                site:
                  dayLengthHours: 14
                  pvPeakW: 8000
                  baseLoadW: 400
                  battery: {capacityKwh: 20, nominalVoltage: 48, maxChargeW: 5000, maxDischargeW: 5000, initialSoc: 48, cutoffSoc: 10}
                devices:
                  - {name: miner-1, cloudId: b48a0a1c2d3e, channel: 0, type: MINER, ratedPowerW: 1400, initiallyOn: true}
                """);
        SimulationReport report = run(lowStart, SettingsOverrides.defaults(),
                everySample(null).withEmergencyStops(List.of(stop))).report();

        assertThat(report.blocked()).isNotEmpty().allSatisfy(b -> {
            assertThat(b.device()).isEqualTo("miner-1");
            assertThat(b.rule()).isEqualTo(PAUSE_RULE);
            assertThat(String.join(" ", b.reasons())).contains("emergency stop");
        });
        assertThat(report.actions()).allSatisfy(a -> assertThat(Instant.parse(a.at()))
                .isAfterOrEqualTo(Instant.parse("2025-06-16T01:00:00Z")));
        assertThat(report.actions()).first().satisfies(a -> assertThat(a.on()).isFalse());
        assertThat(report.violations()).isEmpty();
    }

    @Test
    void sameScenarioRulesAndOverridesGiveAByteIdenticalReport() {
        SiteSettings settings = SettingsOverrides.apply(SettingsOverrides.defaults(),
                Map.of("pauseMinersBelow", "45", "quietHours", "23:00-05:00"));
        String first = ReportJson.write(run(SUMMER, settings, SimulationOptions.defaults()).report());
        String second = ReportJson.write(run(SUMMER, settings, SimulationOptions.defaults()).report());

        assertThat(second).isEqualTo(first);
        assertThat(first).contains("\"summary\"", "\"actions\"", "\"blocked\"", "\"series\"", "\"violations\"");
        assertThat(ReportJson.read(first).summary().simulatedHours()).isEqualTo(168.0);
    }

    private static int indexOf(List<Point> series, String at) {
        for (int i = 0; i < series.size(); i++) {
            if (series.get(i).at().equals(at)) {
                return i;
            }
        }
        throw new AssertionError("no sample at " + at);
    }
}
