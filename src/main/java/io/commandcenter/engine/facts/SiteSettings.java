package io.commandcenter.engine.facts;

/**
 * The owner's preferences as the rules see them. Only definitions.drl compares against these.
 * Percentages are state of charge, watts are grid import, durations are millis.
 *
 * @param batteryCapacityWh         usable battery capacity; 0 when unknown (the floor then projects from
 *                                  the charge's own trend)
 * @param batteryReadingEveryMillis how often a battery reading is expected (the floor projects at least this far)
 * @param targetSoc                 miners that were paused resume only once the charge has reached this, as well as
 *                                  being above {@code resumeMinersAbove}: the higher of the two decides
 * @param alarmHysteresis           a low-battery alarm clears only this many points above its level
 * @param autoPauseMiners           whether automation pauses miners for a low battery (the battery floor sheds them
 *                                  at the minimum and at critical charge either way)
 */
public record SiteSettings(double criticalSoc, double minSoc, double targetSoc, double pauseMinersBelow,
                           double resumeMinersAbove, double maxGridDraw, DailyWindow solarPriorityHours,
                           DailyWindow quietHours, long minerCooldownMillis, long manualHoldMillis,
                           long pauseConfirmMillis, double batteryCapacityWh, long batteryReadingEveryMillis,
                           double alarmHysteresis, boolean autoPauseMiners) {

    public static final long DEFAULT_BATTERY_READING_EVERY = 180_000;
    public static final double DEFAULT_ALARM_HYSTERESIS = 3;

    /**
     * Capacity unknown, a battery reading every 3 minutes (VRM), alarms clear 3 points above their level, miners
     * paused for a low battery.
     */
    public SiteSettings(double criticalSoc, double minSoc, double targetSoc, double pauseMinersBelow,
                        double resumeMinersAbove, double maxGridDraw, DailyWindow solarPriorityHours,
                        DailyWindow quietHours, long minerCooldownMillis, long manualHoldMillis, long pauseConfirmMillis) {
        this(criticalSoc, minSoc, targetSoc, pauseMinersBelow, resumeMinersAbove, maxGridDraw, solarPriorityHours,
                quietHours, minerCooldownMillis, manualHoldMillis, pauseConfirmMillis, 0, DEFAULT_BATTERY_READING_EVERY,
                DEFAULT_ALARM_HYSTERESIS, true);
    }

    public SiteSettings withBatteryCapacity(double wattHours) {
        return new SiteSettings(criticalSoc, minSoc, targetSoc, pauseMinersBelow, resumeMinersAbove, maxGridDraw,
                solarPriorityHours, quietHours, minerCooldownMillis, manualHoldMillis, pauseConfirmMillis, wattHours,
                batteryReadingEveryMillis, alarmHysteresis, autoPauseMiners);
    }

    public SiteSettings withBatteryReadingEvery(long millis) {
        return new SiteSettings(criticalSoc, minSoc, targetSoc, pauseMinersBelow, resumeMinersAbove, maxGridDraw,
                solarPriorityHours, quietHours, minerCooldownMillis, manualHoldMillis, pauseConfirmMillis,
                batteryCapacityWh, millis, alarmHysteresis, autoPauseMiners);
    }

    public SiteSettings withAutoPauseMiners(boolean on) {
        return new SiteSettings(criticalSoc, minSoc, targetSoc, pauseMinersBelow, resumeMinersAbove, maxGridDraw,
                solarPriorityHours, quietHours, minerCooldownMillis, manualHoldMillis, pauseConfirmMillis,
                batteryCapacityWh, batteryReadingEveryMillis, alarmHysteresis, on);
    }
}
