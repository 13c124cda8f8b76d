package io.commandcenter.timeseries;

import java.time.Duration;
import java.util.Locale;

/** Which table a history comes from: raw readings, hourly or daily aggregates. */
public enum Resolution {
    RAW, HOUR, DAY;

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The finest resolution that still exists for the whole span under default retention:
     * raw up to 72 h, hourly up to 30 days, daily beyond.
     */
    public static Resolution auto(Duration span) {
        if (span.compareTo(Duration.ofHours(72)) <= 0) {
            return RAW;
        }
        return span.compareTo(Duration.ofDays(30)) <= 0 ? HOUR : DAY;
    }

    /** Parses "raw", "hour" or "day"; null or blank means "choose by span". */
    public static Resolution parseOrNull(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (Resolution r : values()) {
            if (r.id().equalsIgnoreCase(value.trim())) {
                return r;
            }
        }
        throw new QueryRejected("unknown-resolution",
                "Unknown resolution '" + value + "': use raw, hour or day");
    }
}
