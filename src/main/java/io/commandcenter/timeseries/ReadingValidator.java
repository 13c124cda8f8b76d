package io.commandcenter.timeseries;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides whether a reading may be stored. Each check returns the reason a site owner would
 * read in the rejected-readings table, or null when the reading is fine.
 */
final class ReadingValidator {

    private final Clock clock;
    private final Duration futureSkew;

    ReadingValidator(Clock clock, Duration futureSkew) {
        this.clock = clock;
        this.futureSkew = futureSkew;
    }

    String check(BatteryReading r) {
        if (r == null) return "missing reading";
        return first(text("site", r.site()), time(r.at()), percent("soc", r.soc()),
                number("voltage", r.voltage()), number("current", r.current()),
                r.temperature() == null ? null : number("temperature", r.temperature()));
    }

    String check(SolarReading r) {
        if (r == null) return "missing reading";
        return first(text("site", r.site()), time(r.at()), nonNegative("pvPower", r.pvPower()),
                number("batteryPower", r.batteryPower()), number("gridPower", r.gridPower()),
                nonNegative("loadPower", r.loadPower()), percent("soc", r.soc()));
    }

    String check(DevicePowerReading r) {
        if (r == null) return "missing reading";
        return first(text("device", r.device()), time(r.at()), optional("power", r.power()),
                optional("voltage", r.voltage()), optional("current", r.current()),
                optional("energyTotalWh", r.energyTotalWh()));
    }

    private static String first(String... reasons) {
        for (String reason : reasons) {
            if (reason != null) return reason;
        }
        return null;
    }

    private static String text(String name, String value) {
        return value == null || value.isBlank() ? "missing " + name : null;
    }

    private String time(Instant at) {
        if (at == null) return "missing timestamp";
        Instant latest = clock.instant().plus(futureSkew);
        return at.isAfter(latest) ? "timestamp " + at + " is in the future (now " + clock.instant() + ")" : null;
    }

    private static String number(String name, double value) {
        return Double.isFinite(value) ? null : name + " is not a number (" + value + ")";
    }

    private static String optional(String name, Double value) {
        return value == null ? null : number(name, value);
    }

    private static String percent(String name, double value) {
        String reason = number(name, value);
        if (reason != null) return reason;
        return value < 0 || value > 100 ? name + " " + value + " is outside 0..100" : null;
    }

    private static String nonNegative(String name, double value) {
        String reason = number(name, value);
        if (reason != null) return reason;
        return value < 0 ? name + " " + value + " is negative" : null;
    }
}
