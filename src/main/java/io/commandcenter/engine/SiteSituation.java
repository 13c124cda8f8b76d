package io.commandcenter.engine;

import java.time.Instant;

/**
 * The site as the rules see it at one moment, for features that remember situations (learning): each value is null
 * when the engine does not know it (no reading yet, no forecast), never a guess.
 *
 * @param minuteOfDay  local time of day in the site's zone, 0..1439
 * @param weekday      1 = Monday .. 7 = Sunday, local
 * @param forecastKwh  the solar forecast for the next 24 hours
 */
public record SiteSituation(Instant at, Double soc, Double pv, Double load, Double grid, int minuteOfDay, int weekday,
                            String mode, Double forecastKwh) {
}
