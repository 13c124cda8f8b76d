package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;

import io.commandcenter.engine.facts.DailyWindow;
import io.commandcenter.engine.facts.SiteSettings;
import org.junit.jupiter.api.Test;

class SettingsOverridesTests {

    @Test
    void mapsOwnerNamesOntoTheSettingsFact() {
        SiteSettings s = SettingsOverrides.apply(SettingsOverrides.defaults(), SettingsOverrides.parsePairs(List.of(
                "pauseMinersBelow=45", "resumeMinersAbove=85", "quietHours=22:00-06:00", "minerCooldownMinutes=15",
                "solarPriorityHours=none")));

        assertThat(s.pauseMinersBelow()).isEqualTo(45);
        assertThat(s.resumeMinersAbove()).isEqualTo(85);
        assertThat(s.quietHours()).isEqualTo(new DailyWindow(22 * 60, 6 * 60));
        assertThat(s.solarPriorityHours()).isEqualTo(DailyWindow.NEVER);
        assertThat(s.minerCooldownMillis()).isEqualTo(15 * 60_000L);
        assertThat(s.criticalSoc()).isEqualTo(20);
        assertThat(SettingsOverrides.describe(s)).containsEntry("quietHours", "22:00-06:00")
                .containsEntry("pauseMinersBelow", "45");
    }

    @Test
    void refusesUnknownNamesAndListsTheKnownOnes() {
        assertThatThrownBy(() -> SettingsOverrides.apply(SettingsOverrides.defaults(), Map.of("pauseMiners", "45")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown setting 'pauseMiners'").hasMessageContaining("pauseMinersBelow");
    }

    @Test
    void refusesBadValuesNamingTheSetting() {
        assertThatThrownBy(() -> SettingsOverrides.apply(SettingsOverrides.defaults(), Map.of("minSoc", "lots")))
                .hasMessage("minSoc must be a number (was 'lots')");
        assertThatThrownBy(() -> SettingsOverrides.apply(SettingsOverrides.defaults(), Map.of("criticalSoc", "120")))
                .hasMessage("criticalSoc must be between 0 and 100 (was 120)");
        assertThatThrownBy(() -> SettingsOverrides.apply(SettingsOverrides.defaults(), Map.of("quietHours", "late")))
                .hasMessageContaining("quietHours must be HH:MM-HH:MM or none");
        assertThatThrownBy(() -> SettingsOverrides.parsePairs(List.of("pauseMinersBelow")))
                .hasMessageContaining("--set needs name=value");
    }

    @Test
    void refusesCombinationsTheRulesCannotWorkWith() {
        assertThatThrownBy(() -> SettingsOverrides.apply(SettingsOverrides.defaults(),
                Map.of("pauseMinersBelow", "85")))
                .hasMessageContaining("pauseMinersBelow must be below resumeMinersAbove");
    }
}
