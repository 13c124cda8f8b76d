package io.commandcenter.engine.facts;

/**
 * The session clock seen by the rules, at one-second resolution, in the site's time zone.
 *
 * @param now         epoch millis
 * @param minuteOfDay 0..1439 local time
 * @param weekday     1 = Monday .. 7 = Sunday
 */
public record CurrentTime(long now, int minuteOfDay, int weekday) {
}
