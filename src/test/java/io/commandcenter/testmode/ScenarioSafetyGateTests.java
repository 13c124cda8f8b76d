package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.commandcenter.sitemodel.Scenario;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioSafetyGateTests {

    /** The gate as if it ran on 2 December 2026: today and a year ahead are after 2026-01-01. */
    private static final Clock DEC_2026 = Clock.fixed(Instant.parse("2026-12-02T13:00:00Z"), ZoneOffset.UTC);

    private static ScenarioSafetyGate gate() {
        return new ScenarioSafetyGate(ScenarioCatalog.shipped(), DEC_2026);
    }

    @Test
    void shippedRulesPassEveryShippedScenarioAsWrittenTodayAndAYearAheadAndEveryProperty() {
        var result = gate().check(TestRules.production(), SettingsOverrides.defaults());

        assertThat(result.failures()).extracting(ScenarioSafetyGate.Failure::describe).isEmpty();
        assertThat(result.passed()).isTrue();
        assertThat(result.scenarios()).extracting(ScenarioSafetyGate.ScenarioOutcome::file).contains(
                "fault-heavy-day.yaml", "grid-tied.yaml", "summer-week.yaml", "winter-cloudy-week.yaml");
        assertThat(result.scenarios()).filteredOn(s -> s.file().equals("summer-week.yaml"))
                .extracting(ScenarioSafetyGate.ScenarioOutcome::variant)
                .containsExactly("as written", "shifted to 2026-12-02, first 48 h", "shifted to 2027-12-02, first 48 h");
        assertThat(result.properties()).isEqualTo(2);
        assertThat(result.scenarios()).filteredOn(s -> s.variant().equals("as written"))
                .allSatisfy(s -> assertThat(s.actions()).isPositive());
    }

    @Test
    void refusesAPauseRuleConditionedOnADateBeforeTodayThoughItPassesTheScenariosAsWritten() {
        var result = gate().check(TestRules.dateConditioned(), SettingsOverrides.defaults());

        assertThat(result.passed()).isFalse();
        assertThat(result.scenarios()).filteredOn(s -> s.variant().equals("as written"))
                .allSatisfy(s -> assertThat(s.passed()).as(s.file()).isTrue());
        assertThat(result.message())
                .contains("property 'miners pause below the pause threshold' does not hold at 2026-12-02T")
                .contains("property 'miners pause below the pause threshold' does not hold at 2027-12-02T")
                .contains("no allowed automation off for miner-1");
    }

    @Test
    void refusesARuleThatThrowsNamingTheRuleAndTheError() {
        var result = gate().check(TestRules.throwing(), SettingsOverrides.defaults());

        assertThat(result.passed()).isFalse();
        assertThat(result.failures()).anySatisfy(f -> assertThat(f.describe()).startsWith("summer-week.yaml: ")
                .contains("rule 'Charge per running miner' failed at 2025-06-16T06:00:00Z in scenario 'summer-week'")
                .endsWith("ArithmeticException: / by zero"));
        assertThat(result.message()).contains("in the property check 'miners pause below the pause threshold'");
    }

    @Test
    void shiftsAScenarioToTodayAtItsOwnLocalTime() {
        Scenario summer = Scenario.resolve("simulation/scenarios/summer-week.yaml");

        assertThat(ScenarioSafetyGate.shiftedStart(summer, DEC_2026.instant(), 0))
                .isEqualTo(Instant.parse("2026-12-02T07:00:00Z")); // midnight in Denver (MST)
        assertThat(ScenarioSafetyGate.shiftedStart(summer, DEC_2026.instant(), 1))
                .isEqualTo(Instant.parse("2027-12-02T07:00:00Z"));
    }

    @Test
    void refusesARuleSetThatKeepsMinersRunningBelowCriticalAndNamesTheScenario() {
        var result = gate().check(TestRules.unsafe(), SettingsOverrides.defaults());

        assertThat(result.passed()).isFalse();
        assertThat(result.failures()).anySatisfy(f -> {
            assertThat(f.scenario()).isEqualTo("summer-week");
            assertThat(f.violation().type()).isEqualTo("SOC_BELOW_CRITICAL_WITH_LOAD_ON");
            assertThat(f.violation().device()).contains("miner-1");
        });
        assertThat(result.message()).startsWith("refused:")
                .contains("scenario 'summer-week' (summer-week.yaml): SOC_BELOW_CRITICAL_WITH_LOAD_ON at ")
                .contains("below critical 20 %");
    }

    @Test
    void aScenarioThatCannotBeLoadedFailsTheGate(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("broken.yaml"), "name: broken\nduration: P1D\n");

        var result = new ScenarioSafetyGate(new ScenarioCatalog(dir)).check(TestRules.production(),
                SettingsOverrides.defaults());

        assertThat(result.passed()).isFalse();
        assertThat(result.message()).contains("broken.yaml");
    }
}
