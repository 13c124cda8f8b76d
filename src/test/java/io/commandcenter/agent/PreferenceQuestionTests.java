package io.commandcenter.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class PreferenceQuestionTests {

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            what would happen if I set the miner pause threshold to 60%?     | pauseMinersBelow     | 60
            what if min SOC were 40                                          | minSoc               | 40
            what if the minimum battery level were 35 percent?              | minSoc               | 35
            what if I raise the resume threshold from 80 to 90?              | resumeMinersAbove    | 90
            what if we paused the miners at 45.5%?                           | pauseMinersBelow     | 45.5
            what if the grid import limit were 3 kW?                         | maxGridDrawWatts     | 3000
            what would a 30 minute cooldown do? what if cooldown were 30 min | minerCooldownMinutes | 30
            what if the pause confirmation time were 1 hour?                 | pauseConfirmMinutes  | 60
            what if quiet hours were 22:00-06:30?                            | quietHours           | 22:00-06:30
            what if there were no quiet hours?                               | quietHours           | none
            simulate quiet hours off                                         | quietHours           | none
            """)
    void readsTheSettingAndItsNewValue(String question, String setting, String value) {
        assertThat(PreferenceQuestion.hypothetical(question)).isTrue();
        assertThat(PreferenceQuestion.changes(question)).containsEntry(setting, value).hasSize(1);
    }

    @Test
    void readsTwoChangesInOneQuestion() {
        assertThat(PreferenceQuestion.changes("what if the pause threshold were 40 and the resume threshold 70?"))
                .isEqualTo(Map.of("pauseMinersBelow", "40", "resumeMinersAbove", "70"));
    }

    @Test
    void aQuestionAboutHowThingsAreIsNotHypothetical() {
        assertThat(PreferenceQuestion.hypothetical("what is the miner pause threshold?")).isFalse();
        assertThat(PreferenceQuestion.changes("how does the miner hysteresis work?")).isEmpty();
    }
}
