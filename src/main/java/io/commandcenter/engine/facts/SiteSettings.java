package io.commandcenter.engine.facts;

/**
 * The owner's preferences as the rules see them. Only definitions.drl compares against these.
 * Percentages are state of charge, watts are grid import, durations are millis.
 */
public record SiteSettings(double criticalSoc, double minSoc, double targetSoc, double pauseMinersBelow,
                           double resumeMinersAbove, double maxGridDraw, DailyWindow solarPriorityHours,
                           DailyWindow quietHours, long minerCooldownMillis, long manualHoldMillis,
                           long pauseConfirmMillis) {
}
