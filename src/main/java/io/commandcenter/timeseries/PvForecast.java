package io.commandcenter.timeseries;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * One issue of a solar forecast for the site: hour by hour, what the weather service expects on the array and the
 * PV power that means with the array's settings.
 *
 * @param issuedAt when the forecast was fetched (its values are the service's latest at that moment)
 * @param origin   where it came from, e.g. "Open-Meteo https://api.open-meteo.com" or "simulator"
 */
public record PvForecast(String site, Instant issuedAt, String origin, List<Hour> hours) {

    public PvForecast {
        hours = List.copyOf(hours);
    }

    /**
     * One forecast hour; every value is the mean over the hour that ends at {@code endsAt}.
     *
     * @param irradiance  global tilted irradiance on the array, W/m²
     * @param cloudCover  total cloud cover, %
     * @param temperature air temperature at 2 m, °C
     * @param expectedPvW PV power expected from these, W
     */
    public record Hour(Instant endsAt, double irradiance, double cloudCover, double temperature,
                       double expectedPvW) {

        public Instant startsAt() {
            return endsAt.minus(Duration.ofHours(1));
        }
    }
}
