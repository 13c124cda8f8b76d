package io.commandcenter.testmode;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Fixed rounding and formatting, so the same run always writes the same bytes. */
final class Numbers {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss'Z'")
            .withZone(ZoneOffset.UTC);

    private Numbers() {
    }

    /** Rounded to {@code places} decimals, half up; -0.0 becomes 0.0. */
    static double round(double value, int places) {
        if (Double.isNaN(value) || Double.isInfinite(value)) {
            return 0;
        }
        double r = BigDecimal.valueOf(value).setScale(places, RoundingMode.HALF_UP).doubleValue();
        return r == 0 ? 0.0 : r;
    }

    static double r2(double value) {
        return round(value, 2);
    }

    /** A number without a trailing ".0" when it is whole. */
    static String format(double value) {
        return value == Math.rint(value) && Math.abs(value) < 1e15 ? Long.toString((long) value)
                : BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }

    static String time(Instant t) {
        return TIME.format(t);
    }
}
