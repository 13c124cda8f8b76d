package io.commandcenter.engine.facts;

/**
 * The session clock seen by the rules, refreshed once a minute, in the site's time zone.
 *
 * @param now         epoch millis when it was last refreshed (at most a minute old)
 * @param minuteOfDay 0..1439 local time
 * @param weekday     1 = Monday .. 7 = Sunday
 */
public record CurrentTime(long now, int minuteOfDay, int weekday) {
}
