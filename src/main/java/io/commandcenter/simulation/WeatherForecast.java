package io.commandcenter.simulation;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;

import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.sitemodel.SiteModel;

/**
 * What a weather service would have forecast for the simulated site, issued at a given hour: the model's own daily
 * weather factor plus an error that grows with the lead time, so a forecast adapter meets the same uncertainty it
 * would with the real service, and the next day's plan can be checked against what the site then produced.
 * <p>
 * The tilted irradiance is {@code 1000 W/m² × sun × weather}, with the model's sun factor (it already stands for the
 * array, tilt and all) and the forecast weather factor. The simulated PV is {@code pvPeakW × sun × weather × noise}
 * with noise averaging 1, so an estimate {@code P = kWp × GTI/1000 × (1 − losses)} with
 * {@code kWp × (1 − losses) = pvPeakW / 1000} gives back the simulated PV of an average hour, less the forecast's
 * error. The model has no temperature loss: an estimate that derates hot panels reads a few percent low at noon.
 * <p>
 * The error of the weather factor is drawn once per target day and issue hour: σ = 0.03 + 0.01 per hour of lead, at
 * most 0.4, the result clamped to the scenario's range 0..1.5. It depends only on the scenario seed, the target day
 * and the issue hour, so two polls in the same simulated hour agree and a run repeats. Hours before the issue hour
 * are observed: they carry the true factor.
 */
final class WeatherForecast {

    /** The scenario format's bounds of a daily weather factor. */
    static final double MIN_WEATHER = 0, MAX_WEATHER = 1.5;
    /** Clear-sky irradiance on the array at a sun factor of 1, W/m². */
    static final double CLEAR_SKY_W_PER_M2 = 1000;
    private static final double SPREAD_AT_ISSUE = 0.03, SPREAD_PER_HOUR = 0.01, MAX_SPREAD = 0.4;
    /** Irradiance is the mean of the hour before; a sample a minute resolves sunrise and sunset well enough. */
    private static final int SAMPLES_PER_HOUR = 60;
    private static final long ERROR_SALT = 0x0F0CA57L;

    private final SiteModel model;

    WeatherForecast(SiteModel model) {
        this.model = model;
    }

    /** The hour a forecast made at {@code now} counts as issued: the whole hour, as a weather service runs hourly. */
    static Instant issueHour(Instant now) {
        return now.truncatedTo(ChronoUnit.HOURS);
    }

    /** The spread (one standard deviation) of the weather factor's error at this lead time. */
    static double spread(Duration lead) {
        return Math.min(MAX_SPREAD, SPREAD_AT_ISSUE + SPREAD_PER_HOUR * Math.max(0, lead.toMillis() / 3_600_000.0));
    }

    /** The true weather factor of {@code time}'s day, as the model runs it. */
    double truth(Instant time) {
        return model.weatherAt(time);
    }

    /** The weather factor for {@code time} forecast at {@code issued} (observed, so true, before the issue hour). */
    double weather(Instant issued, Instant time) {
        Instant issue = issueHour(issued);
        double truth = truth(time);
        if (time.isBefore(issue)) {
            return truth;
        }
        Scenario scenario = model.scenario();
        long day = time.atZone(scenario.timezone()).toLocalDate().toEpochDay();
        long issueHour = issue.getEpochSecond() / 3600;
        double error = spread(Duration.between(issue, time)) * gaussian(scenario.seed(), day, issueHour);
        return Math.max(MIN_WEATHER, Math.min(MAX_WEATHER, truth + error));
    }

    /** Global tilted irradiance, W/m², as the mean over the hour before {@code time} (Open-Meteo's convention). */
    double irradiance(Instant issued, Instant time) {
        double sum = 0;
        long sampleMillis = 3_600_000L / SAMPLES_PER_HOUR;
        for (int i = 0; i < SAMPLES_PER_HOUR; i++) {
            Instant sample = time.minusMillis(3_600_000L - sampleMillis / 2 - i * sampleMillis);
            sum += CLEAR_SKY_W_PER_M2 * model.sunAt(sample) * weather(issued, sample);
        }
        return sum / SAMPLES_PER_HOUR;
    }

    /** Cloud cover at {@code time}, % of the sky: what the weather factor leaves of a clear day. */
    double cloudCover(Instant issued, Instant time) {
        return Math.max(0, Math.min(100, 100 * (1 - weather(issued, time))));
    }

    /**
     * Air temperature 2 m above ground at {@code time}, °C: a seasonal mean from the latitude and the day of the year,
     * warmest mid-afternoon local time, cooler and with less swing under cloud. A rough climate, not a place's record.
     *
     * @param latitude used when the scenario gives a fixed day length instead of a latitude
     */
    double temperature(Instant issued, Instant time, double latitude) {
        Scenario.Site site = model.scenario().site();
        double lat = site.latitude() != null ? site.latitude() : latitude;
        ZonedDateTime local = time.atZone(model.scenario().timezone());
        double clear = Math.min(1, weather(issued, time));
        double yearlyMean = 27 - 0.4 * Math.abs(lat);
        double seasonalSwing = Math.min(15, 0.3 * Math.abs(lat));
        // warmest about 19 July in the north, half a year later in the south
        double warmestDay = lat >= 0 ? 200 : 17;
        double season = Math.cos(2 * Math.PI * (local.getDayOfYear() - warmestDay) / 365.25);
        double dailyMean = yearlyMean + seasonalSwing * season - 2 * (1 - clear);
        double hour = local.getHour() + local.getMinute() / 60.0;
        double dailySwing = 2 + 5 * clear;
        return dailyMean + dailySwing * Math.cos(2 * Math.PI * (hour - 15) / 24);
    }

    /** A standard normal draw from the seed, the day and the issue hour, kept within ±3σ. */
    private static double gaussian(long seed, long day, long issueHour) {
        double u1 = uniform(seed ^ ERROR_SALT, day, issueHour, 1);
        double u2 = uniform(seed ^ ERROR_SALT, day, issueHour, 2);
        double z = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
        return Math.max(-3, Math.min(3, z));
    }

    /** Uniform in [0, 1) from the inputs (a SplitMix64 finaliser over their mix). */
    private static double uniform(long seed, long day, long issueHour, long draw) {
        long z = seed + day * 0x9E3779B97F4A7C15L + issueHour * 0xC2B2AE3D27D4EB4FL + draw * 0x165667B19E3779F9L;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (z >>> 11) * 0x1.0p-53;
    }
}
