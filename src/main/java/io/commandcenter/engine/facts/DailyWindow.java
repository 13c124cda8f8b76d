package io.commandcenter.engine.facts;

import java.time.LocalTime;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

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

    // Table rules call of("22:00", "06:00") each time they test the clock: parse each window once.
    private static final Map<String, DailyWindow> PARSED = new ConcurrentHashMap<>();

    /** For decision tables: "22:00", "06:00". */
    public static DailyWindow of(String from, String until) {
        if (PARSED.size() > 1000) {
            PARSED.clear();
        }
        return PARSED.computeIfAbsent(from + "|" + until,
                key -> of(LocalTime.parse(from.trim()), LocalTime.parse(until.trim())));
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
