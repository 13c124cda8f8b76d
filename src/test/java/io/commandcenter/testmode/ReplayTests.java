package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;

import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.testmode.Replay.Side;
import io.commandcenter.testmode.SimulationReport.DecisionDiff;
import org.junit.jupiter.api.Test;

class ReplayTests {

    private static final RecordedReadings DAY = ScenarioReadings.record(
            Scenario.resolve("simulation/scenarios/summer-week.yaml"), Duration.ofDays(1));

    private static Side live() {
        return new Side(TestRules.production(), SettingsOverrides.defaults());
    }

    @Test
    void theLiveRulesAgainstThemselvesDifferNowhere() {
        SimulationReport report = Replay.run(DAY, live(), live(), 500, null).report();

        assertThat(report.diff()).isEmpty();
        assertThat(report.actions()).isNotEmpty();
        assertThat(report.summary().kind()).isEqualTo("replay");
    }

    @Test
    void listsEveryDecisionALowerPauseThresholdChanges() {
        SiteSettings lower = SettingsOverrides.apply(SettingsOverrides.defaults(), Map.of("pauseMinersBelow", "40"));
        SimulationReport report = Replay.run(DAY, live(), new Side(TestRules.production(), lower), 500, null).report();

        assertThat(report.diff()).isNotEmpty();
        DecisionDiff first = report.diff().get(0);
        assertThat(first.change()).isEqualTo("ONLY_LIVE");
        assertThat(first.on()).isFalse();
        assertThat(first.live()).isEqualTo("ALLOWED (automation)");
        assertThat(first.candidate()).isEqualTo("no action");
        assertThat(report.diff()).anySatisfy(d -> {
            assertThat(d.change()).isEqualTo("ONLY_CANDIDATE");
            assertThat(Instant.parse(d.at())).isAfter(Instant.parse(first.at()));
        });
        // The candidate's own actions happen below its threshold.
        assertThat(report.actions()).filteredOn(a -> !a.on()).allSatisfy(a -> assertThat(a.soc()).isLessThan(40));
        assertThat(report.violations()).isEmpty();
    }

    @Test
    void replayReportsAreDeterministic() {
        SiteSettings lower = SettingsOverrides.apply(SettingsOverrides.defaults(), Map.of("pauseMinersBelow", "40"));
        String a = ReportJson.write(Replay.run(DAY, live(), new Side(TestRules.production(), lower), 500, null).report());
        String b = ReportJson.write(Replay.run(DAY, live(), new Side(TestRules.production(), lower), 500, null).report());

        assertThat(a).isEqualTo(b).contains("\"diff\"");
    }
}
