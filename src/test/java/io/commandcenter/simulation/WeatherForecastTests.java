package io.commandcenter.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Duration;
import java.time.Instant;

import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.sitemodel.SiteModel;
import io.commandcenter.sitemodel.SiteState;
import org.junit.jupiter.api.Test;

class WeatherForecastTests {

    static final Scenario SUMMER = Scenario.resolve("summer-week.yaml");
    static final Scenario WINTER = Scenario.resolve("winter-cloudy-week.yaml");

    @Test
    void forecastErrorGrowsWithLeadTime() {
        for (Scenario scenario : new Scenario[] {SUMMER, WINTER}) {
            WeatherForecast forecast = new WeatherForecast(new SiteModel(scenario));
            double nearError = 0, farError = 0;
            int near = 0, far = 0;
            for (int issue = 0; issue < 7 * 24; issue++) {
                Instant issued = scenario.start().plus(Duration.ofHours(issue));
                for (int lead = 1; lead <= 48; lead++) {
                    Instant time = issued.plus(Duration.ofHours(lead));
                    double error = Math.abs(forecast.weather(issued, time) - forecast.truth(time));
                    if (lead <= 3) {
                        nearError += error;
                        near++;
                    } else if (lead >= 24) {
                        farError += error;
                        far++;
                    }
                }
            }
            double nearMean = nearError / near, farMean = farError / far;
            assertThat(nearMean).as("%s: 1–3 h ahead", scenario.name()).isLessThan(0.06);
            assertThat(farMean).as("%s: 24–48 h ahead", scenario.name()).isGreaterThan(3 * nearMean);
        }
    }

    @Test
    void aLaterIssueIsCloserToTheTruthOnAverage() {
        WeatherForecast forecast = new WeatherForecast(new SiteModel(SUMMER));
        double dayBefore = 0, sameMorning = 0;
        for (int day = 2; day < 30; day++) {
            Instant noon = SUMMER.start().plus(Duration.ofDays(day)).plus(Duration.ofHours(12));
            dayBefore += Math.abs(forecast.weather(noon.minus(Duration.ofHours(30)), noon) - forecast.truth(noon));
            sameMorning += Math.abs(forecast.weather(noon.minus(Duration.ofHours(4)), noon) - forecast.truth(noon));
        }
        assertThat(sameMorning).isLessThan(dayBefore / 2);
    }

    @Test
    void isTheSameForTheSameIssueHourAndSeed() {
        WeatherForecast one = new WeatherForecast(new SiteModel(SUMMER));
        WeatherForecast other = new WeatherForecast(new SiteModel(SUMMER));
        Instant issued = SUMMER.start().plus(Duration.ofHours(30));
        Instant target = issued.plus(Duration.ofHours(40));

        assertThat(one.weather(issued, target)).isEqualTo(other.weather(issued.plus(Duration.ofMinutes(59)), target));
        assertThat(one.irradiance(issued, target)).isEqualTo(other.irradiance(issued.plusSeconds(1), target));
        assertThat(one.weather(issued, target)).as("another issue hour draws another error")
                .isNotEqualTo(one.weather(issued.plus(Duration.ofHours(1)), target));

        Scenario reseeded = summerWeek(7, "[1.0, 0.95, 1.0, 0.9, 1.0, 0.85, 1.0]");
        assertThat(new WeatherForecast(new SiteModel(reseeded)).weather(issued, target))
                .as("another seed, another story").isNotEqualTo(one.weather(issued, target));
    }

    @Test
    void pastHoursCarryTheObservedWeather() {
        WeatherForecast forecast = new WeatherForecast(new SiteModel(WINTER));
        Instant issued = WINTER.start().plus(Duration.ofHours(50).plusMinutes(20));
        for (int hoursAgo = 1; hoursAgo <= 24; hoursAgo++) {
            Instant past = WeatherForecast.issueHour(issued).minus(Duration.ofHours(hoursAgo));
            assertThat(forecast.weather(issued, past)).isEqualTo(forecast.truth(past));
        }
    }

    @Test
    void staysWithinTheScenariosRange() {
        for (Scenario scenario : new Scenario[] {SUMMER, WINTER}) {
            WeatherForecast forecast = new WeatherForecast(new SiteModel(scenario));
            for (int issue = 0; issue < 14 * 24; issue += 5) {
                Instant issued = scenario.start().plus(Duration.ofHours(issue));
                for (int lead = 0; lead < 16 * 24; lead += 7) {
                    Instant time = issued.plus(Duration.ofHours(lead));
                    assertThat(forecast.weather(issued, time)).isBetween(0.0, 1.5);
                    assertThat(forecast.cloudCover(issued, time)).isBetween(0.0, 100.0);
                }
            }
        }
    }

    /** The relation the forecast adapter relies on: pvPeakW/1000 × GTI gives back the simulated PV. */
    @Test
    void irradianceTimesPeakPowerGivesBackTheSimulatedPv() {
        for (Scenario scenario : new Scenario[] {SUMMER, WINTER}) {
            SiteModel model = new SiteModel(scenario);
            SiteState day = model.step(Duration.ofDays(1));
            WeatherForecast forecast = new WeatherForecast(model);
            double estimateWh = 0;
            for (int hour = 1; hour <= 24; hour++) {
                Instant end = scenario.start().plus(Duration.ofHours(hour));
                // issued at the end of the day: every hour observed, so only the model's passing clouds differ
                estimateWh += scenario.site().pvPeakW() / 1000 * forecast.irradiance(day.time(), end);
            }
            double producedWh = 1000 * (day.totals().pvKwh() + day.totals().curtailedKwh());
            assertThat(estimateWh).as(scenario.name()).isCloseTo(producedWh, within(0.05 * producedWh));
        }
    }

    @Test
    void isWarmestMidAfternoonAndColderInWinterAndUnderCloud() {
        WeatherForecast summer = new WeatherForecast(new SiteModel(SUMMER));
        WeatherForecast winter = new WeatherForecast(new SiteModel(WINTER));
        // both scenarios start at local midnight; issued a day later, the first day is observed
        Instant summerDay = SUMMER.start(), winterDay = WINTER.start();
        Instant summerIssue = summerDay.plus(Duration.ofDays(1)), winterIssue = winterDay.plus(Duration.ofDays(1));

        double warmestHour = 0, warmest = -100;
        for (int hour = 0; hour < 24; hour++) {
            double t = summer.temperature(summerIssue, summerDay.plus(Duration.ofHours(hour)), 0);
            if (t > warmest) {
                warmest = t;
                warmestHour = hour;
            }
        }
        assertThat(warmestHour).isBetween(14.0, 16.0);
        assertThat(warmest).isBetween(22.0, 36.0);
        double winterAfternoon = winter.temperature(winterIssue, winterDay.plus(Duration.ofHours(15)), 0);
        assertThat(winterAfternoon).isLessThan(warmest - 15);
        assertThat(winterAfternoon).isBetween(-15.0, 10.0);

        // a clear day and an overcast one in the same week
        Scenario clearThenOvercast = summerWeek(1, "[1.0, 0.2]");
        WeatherForecast forecast = new WeatherForecast(new SiteModel(clearThenOvercast));
        Instant afterBoth = clearThenOvercast.start().plus(Duration.ofDays(2));
        Instant clearAfternoon = clearThenOvercast.start().plus(Duration.ofHours(15));
        Instant overcastAfternoon = clearAfternoon.plus(Duration.ofDays(1));
        assertThat(forecast.temperature(afterBoth, overcastAfternoon, 0))
                .isLessThan(forecast.temperature(afterBoth, clearAfternoon, 0) - 3);
    }

    /** summer-week's site and dates with another seed and weather. */
    private static Scenario summerWeek(long seed, String weather) {
        return Scenario.parse("summer-like.yaml", """
                name: summer-like
                seed: %d
                start: 2025-06-16T00:00
                timezone: America/Denver
                duration: P7D
                site: {latitude: 39.7, pvPeakW: 14000, baseLoadW: 400,
                       battery: {capacityKwh: 30, nominalVoltage: 48, maxChargeW: 9000, maxDischargeW: 9000, initialSoc: 65}}
                weather: %s
                devices: []
                """.formatted(seed, weather));
    }
}
