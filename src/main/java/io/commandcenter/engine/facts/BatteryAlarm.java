package io.commandcenter.engine.facts;

/**
 * The low-battery alarm the owner was told about. Raised when the charge goes below the minimum
 * (or to critical), it stays until the charge is back a few points above the level that raised it
 * (the hysteresis in {@link SiteSettings#alarmHysteresis()}), so a charge hovering at the minimum
 * does not send a message with every reading. The engine tells the notifier when one is inserted,
 * raised to critical or removed.
 *
 * @param level MINIMUM or CRITICAL
 * @param soc   the charge that raised it, %
 * @param since epoch millis of that reading
 */
public record BatteryAlarm(Level level, double soc, long since) implements Situation {

    public enum Level { MINIMUM, CRITICAL }

    public static BatteryAlarm minimum(double soc, long at) {
        return new BatteryAlarm(Level.MINIMUM, soc, at);
    }

    public static BatteryAlarm critical(double soc, long at) {
        return new BatteryAlarm(Level.CRITICAL, soc, at);
    }

    public boolean critical() {
        return level == Level.CRITICAL;
    }
}
