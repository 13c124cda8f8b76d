package io.commandcenter.engine.facts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SolarForecastTests {

    private static final long HOUR = 3_600_000L;
    private static final long MIDNIGHT = Instant.parse("2026-06-16T00:00:00Z").toEpochMilli();

    /** 48 hours from midnight: 1,000 W from 08:00 to 16:00 each day, else nothing; clouds 20 % by day, 80 % by night. */
    private static List<SolarForecast.Hour> twoDays() {
        List<SolarForecast.Hour> hours = new ArrayList<>();
        for (int h = 1; h <= 48; h++) {
            int hourOfDay = (h - 1) % 24;
            boolean sunny = hourOfDay >= 8 && hourOfDay < 16;
            hours.add(new SolarForecast.Hour(MIDNIGHT + h * HOUR, sunny ? 1000 : 0, sunny ? 20 : 80, 15));
        }
        return hours;
    }

    @Test
    void sumsTheEnergyOfTheHoursInTheWindow() {
        long now = MIDNIGHT + 6 * HOUR;
        SolarForecast next12 = SolarForecast.over(12, now, now, twoDays());

        assertThat(next12.kwh()).as("06:00-18:00 holds the 8 sunny hours").isEqualTo(8.0);
        assertThat(next12.cloudCover()).isEqualTo((8 * 20 + 4 * 80) / 12.0, org.assertj.core.api.Assertions.within(0.1));
        assertThat(next12.hours()).isEqualTo(12);
        assertThat(next12.issuedAt()).isEqualTo(now);
    }

    @Test
    void countsAnHourByThePartOfItInsideTheWindow() {
        long now = MIDNIGHT + 8 * HOUR + HOUR / 2; // 08:30
        assertThat(SolarForecast.over(1, now, now, twoDays()).kwh()).isEqualTo(1.0);
        assertThat(SolarForecast.over(3, MIDNIGHT + 14 * HOUR + HOUR / 2, now, twoDays()).kwh())
                .as("14:30-17:30: an hour and a half of sun").isEqualTo(1.5);
    }

    @Test
    void aForecastThatDoesNotReachTheWindowSaysNothing() {
        long now = MIDNIGHT + 30 * HOUR;
        assertThat(SolarForecast.over(12, now, now, twoDays())).isNotNull();
        assertThat(SolarForecast.over(24, now, now, twoDays())).as("only 18 hours left").isNull();
        assertThat(SolarForecast.over(1, MIDNIGHT - HOUR, MIDNIGHT - HOUR, twoDays())).as("before its first hour")
                .isNull();
    }

    @Test
    void aStaleForecastIsUnknownNotDark() {
        long issued = MIDNIGHT;
        assertThat(SolarForecast.over(6, issued + 6 * HOUR, issued, twoDays())).isNotNull();
        assertThat(SolarForecast.over(6, issued + 6 * HOUR + 1, issued, twoDays())).isNull();
        assertThat(SolarForecast.over(6, issued, issued, List.of())).isNull();
    }

    @Test
    void aGapInTheForecastIsNotReadAsNoSun() {
        List<SolarForecast.Hour> gap = new ArrayList<>(twoDays());
        gap.remove(10); // the hour ending 11:00
        assertThat(SolarForecast.over(6, MIDNIGHT + 8 * HOUR, MIDNIGHT, gap)).isNull();
        assertThat(SolarForecast.over(3, MIDNIGHT + 12 * HOUR, MIDNIGHT + 12 * HOUR, gap)).as("after the gap")
                .isNotNull();
    }
}
