package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.commandcenter.engine.facts.SolarForecast;
import org.junit.jupiter.api.Test;

/** The session turns the latest forecast into one SolarForecast fact per horizon and keeps them current. */
class SolarForecastFactsTests {

    private static final long HOUR = 3_600_000L;

    /** Two days of 500 W every hour from the session's start (noon). */
    private static List<SolarForecast.Hour> flat(long from) {
        List<SolarForecast.Hour> hours = new ArrayList<>();
        for (int h = 1; h <= 48; h++) {
            hours.add(new SolarForecast.Hour(from + h * HOUR, 500, 30, 12));
        }
        return hours;
    }

    @Test
    void eachHorizonTheForecastReachesIsAFactAndTheRulesQueryFindsThem() {
        try (EngineSession s = Rules.session()) {
            long now = s.now().toEpochMilli();
            s.useForecast(now, flat(now));
            s.fire();

            assertThat(s.facts(SolarForecast.class)).extracting(SolarForecast::hours)
                    .containsExactlyInAnyOrder(1, 3, 6, 12, 24, 48);
            assertThat(s.facts(SolarForecast.class)).filteredOn(f -> f.hours() == 12).singleElement()
                    .satisfies(f -> assertThat(f.kwh()).isEqualTo(6.0));
            assertThat(s.query("solar forecast")).hasSize(6);
        }
    }

    @Test
    void theWindowsMoveWithTheHoursAndTheFactsLeaveWhenTheForecastGetsOld() {
        try (EngineSession s = Rules.session()) {
            long now = s.now().toEpochMilli();
            s.useForecast(now, flat(now));
            s.fire();

            Rules.minutesLater(s, 61);
            s.fire();
            assertThat(s.facts(SolarForecast.class)).extracting(SolarForecast::hours)
                    .as("48 hours ahead is now past the forecast's end").containsExactlyInAnyOrder(1, 3, 6, 12, 24);

            Rules.minutesLater(s, 5 * 60);
            s.fire();
            assertThat(s.facts(SolarForecast.class)).as("six hours old: unknown, not dark").isEmpty();
        }
    }

    @Test
    void aNewRuleSetKeepsTheForecast() {
        try (EngineSession s = Rules.session()) {
            long now = s.now().toEpochMilli();
            s.useForecast(now, flat(now));
            s.fire();

            EngineSession next = s.switchTo(Rules.build(Rules.productionFilesPlus()), 2);
            try (next) {
                next.fire();
                assertThat(next.facts(SolarForecast.class)).hasSize(6);
            }
        }
    }
}
