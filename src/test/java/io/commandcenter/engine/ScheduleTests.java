package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.List;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.facts.ScheduledSwitch;
import org.junit.jupiter.api.Test;

/** When schedules run (local wall-clock time, across daylight-saving changes) and what their switches do. */
class ScheduleTests {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    private static Schedule daily(LocalTime time) {
        return new Schedule("d", true, Schedule.Repeat.DAILY, null, time, null, null, Schedule.Does.SET_MODE, null,
                null, null, "Away", null, null);
    }

    @Test
    void aDailyRunStaysAtItsLocalTimeAcrossTheClockChanges() {
        Schedule six = daily(LocalTime.of(6, 0));
        assertThat(six.nextAfter(Instant.parse("2026-03-28T12:00:00Z"), BERLIN))
                .as("the morning of the spring change: 06:00 CEST").isEqualTo(Instant.parse("2026-03-29T04:00:00Z"));
        assertThat(six.nextAfter(Instant.parse("2026-03-27T12:00:00Z"), BERLIN))
                .as("the day before: 06:00 CET").isEqualTo(Instant.parse("2026-03-28T05:00:00Z"));
        assertThat(six.nextAfter(Instant.parse("2026-10-25T00:00:00Z"), BERLIN))
                .as("the autumn change: 06:00 CET again").isEqualTo(Instant.parse("2026-10-25T05:00:00Z"));
    }

    @Test
    void aTimeTheClocksSkipRunsAfterTheGapAndATimeTheyPassTwiceRunsOnce() {
        Schedule halfPastTwo = daily(LocalTime.of(2, 30));
        assertThat(halfPastTwo.nextAfter(Instant.parse("2026-03-28T12:00:00Z"), BERLIN))
                .as("02:30 does not exist on 29 March: 03:30 CEST").isEqualTo(Instant.parse("2026-03-29T01:30:00Z"));
        Instant first = halfPastTwo.nextAfter(Instant.parse("2026-10-24T12:00:00Z"), BERLIN);
        assertThat(first).as("the earlier 02:30 (CEST)").isEqualTo(Instant.parse("2026-10-25T00:30:00Z"));
        assertThat(halfPastTwo.nextAfter(first, BERLIN)).as("not again an hour later, but the next day")
                .isEqualTo(Instant.parse("2026-10-26T01:30:00Z"));
    }

    @Test
    void weeklyCronAndOnceRunWhenTheySay() {
        Schedule weekdays = new Schedule("w", true, Schedule.Repeat.WEEKLY, null, LocalTime.of(7, 0), List.of(1, 3),
                null, Schedule.Does.SET_MODE, null, null, null, "Away", null, null);
        assertThat(weekdays.nextAfter(Instant.parse("2026-12-01T12:00:00Z"), ZoneId.of("UTC"))) // a Tuesday
                .as("Wednesday").isEqualTo(Instant.parse("2026-12-02T07:00:00Z"));
        Schedule cron = new Schedule("c", true, Schedule.Repeat.CRON, null, null, null, "0 0 6 * * MON-FRI",
                Schedule.Does.SET_MODE, null, null, null, "Away", null, null);
        assertThat(cron.nextAfter(Instant.parse("2026-12-04T12:00:00Z"), ZoneId.of("UTC"))) // a Friday
                .as("Monday").isEqualTo(Instant.parse("2026-12-07T06:00:00Z"));
        Schedule once = new Schedule("o", true, Schedule.Repeat.ONCE, LocalDateTime.of(2026, 12, 5, 10, 0), null, null,
                null, Schedule.Does.SET_MODE, null, null, null, "Away", null, null);
        assertThat(once.nextAfter(Instant.parse("2026-12-04T12:00:00Z"), ZoneId.of("UTC")))
                .isEqualTo(Instant.parse("2026-12-05T10:00:00Z"));
        assertThat(once.nextAfter(Instant.parse("2026-12-05T10:00:00Z"), ZoneId.of("UTC"))).as("only once").isNull();
        assertThat(once.inWords()).isEqualTo("once on 2026-12-05 at 10:00: set the site mode to Away");
    }

    @Test
    void aDueSwitchForTwoHoursSwitchesOnThenBackOffThroughTheRules() {
        try (EngineSession s = Rules.session()) {
            Rules.battery(s, 80);
            Rules.device(s, "water-heater", DeviceType.HEATER, false);
            long now = s.now().toEpochMilli();
            s.useScheduledSwitches(List.of(new ScheduledSwitch("schedule / heat", "water-heater", null, true, now,
                    now + 2 * 3_600_000L, true)));

            List<Decision> on = s.fire();
            assertThat(on).singleElement().satisfies(d -> {
                assertThat(d.on()).isTrue();
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
                assertThat(d.requestedBy()).isEqualTo("schedule / heat");
            });

            Rules.minutesLater(s, 121);
            Rules.battery(s, 80);
            Rules.device(s, "water-heater", DeviceType.HEATER, true);
            List<Decision> off = s.fire();
            assertThat(off).singleElement().satisfies(d -> {
                assertThat(d.on()).isFalse();
                assertThat(d.requestedBy()).isEqualTo("schedule / heat (end)");
            });
        }
    }

    @Test
    void aScheduledSwitchOnAtTheCriticalChargeIsRefused() {
        try (EngineSession s = Rules.session()) {
            Rules.battery(s, 15);
            Rules.device(s, "water-heater", DeviceType.HEATER, false);
            long now = s.now().toEpochMilli();
            s.useScheduledSwitches(List.of(new ScheduledSwitch("schedule / heat", "water-heater", null, true, now,
                    now + 3_600_000L, false)));

            assertThat(s.fire()).filteredOn(d -> d.device().equals("water-heater") && d.on())
                    .allSatisfy(d -> assertThat(d.outcome()).isEqualTo(Outcome.BLOCKED));
        }
    }
}
