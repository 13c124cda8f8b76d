package io.commandcenter.engine.facts;

import java.time.LocalTime;

/**
 * A daily time window in local minutes of the day, [from, until); it may cross midnight
 * (22:00–06:00). Equal ends mean "never".
 */
public record DailyWindow(int from, int until) {

    public static final DailyWindow NEVER = new DailyWindow(0, 0);

    public static DailyWindow of(LocalTime from, LocalTime until) {
        if (from == null || until == null) {
            return NEVER;
        }
        return new DailyWindow(from.getHour() * 60 + from.getMinute(), until.getHour() * 60 + until.getMinute());
    }

    /** For decision tables: "22:00", "06:00". */
    public static DailyWindow of(String from, String until) {
        return of(LocalTime.parse(from.trim()), LocalTime.parse(until.trim()));
    }

    public boolean contains(int minuteOfDay) {
        if (from == until) {
            return false;
        }
        return from < until
                ? minuteOfDay >= from && minuteOfDay < until
                : minuteOfDay >= from || minuteOfDay < until;
    }
}
