package io.commandcenter.engine.facts;

import java.util.List;

/**
 * What the latest solar forecast expects over the next {@code hours} hours from now: PV energy, and the mean cloud
 * cover and air temperature. One fact per horizon in {@link #HORIZONS}, worked out again every hour, so a rule
 * writes {@code SolarForecast(hours == 12, kwh < 5)}. A horizon the forecast does not reach, and any forecast older
 * than {@link #STALE_AFTER_MILLIS}, has no fact: an unknown forecast is unknown, not "no sun".
 *
 * @param kwh         expected PV energy in the window, kWh
 * @param cloudCover  mean cloud cover in the window, %
 * @param temperature mean air temperature in the window, °C
 * @param issuedAt    when the forecast was fetched, epoch millis
 */
public record SolarForecast(int hours, double kwh, double cloudCover, double temperature, long issuedAt) {

    /** The windows rules can ask about, in hours from now. */
    public static final List<Integer> HORIZONS = List.of(1, 3, 6, 12, 24, 48);

    /** A forecast fetched longer ago than this is not used: six hours, twice a weather model's update cycle. */
    public static final long STALE_AFTER_MILLIS = 6 * 3_600_000L;

    private static final long HOUR = 3_600_000L;

    /** One forecast hour: the means over the hour that ends at {@code endsAt} (epoch millis). */
    public record Hour(long endsAt, double pvW, double cloudCover, double temperature) {
    }

    /**
     * The window of {@code hours} hours from {@code now} over {@code forecast} (ordered by time), or null when the
     * forecast is stale or does not cover the window. Hours count by the part of them inside the window.
     */
    public static SolarForecast over(int hours, long now, long issuedAt, List<Hour> forecast) {
        if (forecast.isEmpty() || now - issuedAt > STALE_AFTER_MILLIS) {
            return null;
        }
        long end = now + hours * HOUR;
        if (forecast.get(forecast.size() - 1).endsAt() < end || forecast.get(0).endsAt() - HOUR > now) {
            return null;
        }
        double wh = 0;
        double cloud = 0;
        double temperature = 0;
        double covered = 0;
        for (Hour h : forecast) {
            long overlap = Math.min(h.endsAt(), end) - Math.max(h.endsAt() - HOUR, now);
            if (overlap <= 0) {
                continue;
            }
            double share = overlap / (double) HOUR;
            wh += h.pvW() * share;
            cloud += h.cloudCover() * share;
            temperature += h.temperature() * share;
            covered += share;
        }
        if (covered < hours - 1e-6) {
            return null; // a gap in the forecast
        }
        return new SolarForecast(hours, round(wh / 1000, 3), round(cloud / covered, 1),
                round(temperature / covered, 1), issuedAt);
    }

    private static double round(double value, int decimals) {
        double scale = Math.pow(10, decimals);
        return Math.round(value * scale) / scale;
    }
}
