package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ScenarioSafetyGateTests {

    @Test
    void shippedRulesPassEveryShippedScenario() {
        var result = ScenarioSafetyGate.shipped().check(TestRules.production(), SettingsOverrides.defaults());

        assertThat(result.scenarios()).extracting(ScenarioSafetyGate.ScenarioOutcome::file)
                .containsExactly("fault-heavy-day.yaml", "grid-tied.yaml", "summer-week.yaml", "winter-cloudy-week.yaml");
        assertThat(result.failures()).isEmpty();
        assertThat(result.passed()).isTrue();
        assertThat(result.scenarios()).allSatisfy(s -> assertThat(s.actions()).isPositive());
    }

    @Test
    void refusesARuleSetThatKeepsMinersRunningBelowCriticalAndNamesTheScenario() {
        var result = ScenarioSafetyGate.shipped().check(TestRules.unsafe(), SettingsOverrides.defaults());

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
