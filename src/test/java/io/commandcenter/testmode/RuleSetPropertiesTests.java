package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import io.commandcenter.engine.facts.SiteSettings;
import org.junit.jupiter.api.Test;

/** The activation properties check what the rules can do, whatever the owner's choices are today. */
class RuleSetPropertiesTests {

    private static final Instant DEC_2026 = Instant.parse("2026-12-02T13:00:00Z");

    @Test
    void theShippedRulesPassWithAutoPauseOffAndATargetAboveTheResumeThreshold() {
        SiteSettings owner = SettingsOverrides.apply(SettingsOverrides.defaults(), Map.of("targetSoc", "95"))
                .withAutoPauseMiners(false);

        var broken = new RuleSetProperties(TestRules.production(), owner, ZoneOffset.UTC).check(List.of(DEC_2026));

        assertThat(broken).extracting(RuleSetProperties.Broken::describe).isEmpty();
    }

    @Test
    void theOwnersAutoPauseChoiceSurvivesOtherOverrides() {
        SiteSettings off = SettingsOverrides.defaults().withAutoPauseMiners(false);

        assertThat(SettingsOverrides.apply(off, Map.of("pauseMinersBelow", "45")).autoPauseMiners()).isFalse();
    }
}
