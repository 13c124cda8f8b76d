package io.commandcenter.notify;

import io.commandcenter.engine.facts.ConfirmationMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalTime;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NotificationSettingsTests {

    @ParameterizedTest(name = "quiet {0}-{1} at {2}: {3}")
    @CsvSource({
            "22:00, 07:00, 23:30, true",
            "22:00, 07:00, 03:00, true",
            "22:00, 07:00, 07:00, false",
            "22:00, 07:00, 12:00, false",
            "13:00, 15:00, 14:00, true",
            "13:00, 15:00, 12:59, false",
            "13:00, 13:00, 13:00, false",
    })
    void knowsQuietHoursIncludingOnesSpanningMidnight(LocalTime start, LocalTime end, LocalTime at, boolean quiet) {
        var settings = new NotificationSettings("a@b", null, false, start, end, ConfirmationMode.NEVER);
        assertThat(settings.quietAt(at)).isEqualTo(quiet);
    }

    @org.junit.jupiter.api.Test
    void hasNoQuietHoursWhenUnset() {
        var settings = new NotificationSettings(" ", "", false, null, null, null);
        assertThat(settings.quietAt(LocalTime.NOON)).isFalse();
        assertThat(settings.email()).isNull();
        assertThat(settings.phone()).isNull();
        assertThat(settings.confirmationMode()).isEqualTo(ConfirmationMode.NEVER);
    }
}
