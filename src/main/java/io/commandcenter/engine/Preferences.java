package io.commandcenter.engine;

import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;

import io.commandcenter.engine.facts.DailyWindow;
import io.commandcenter.engine.facts.SiteSettings;

/**
 * The owner's preferences for the rules. Percentages are state of charge; windows are local
 * times and may cross midnight (no window when both ends are null).
 *
 * @param criticalSoc        below or at this no load may be switched on (default 20)
 * @param minSoc             below this no load may be switched on (default 30)
 * @param targetSoc          charge the battery is given back before miners resume: they resume once the charge has
 *                           reached it and is above {@code resumeMinersAbove}, so the higher of the two decides
 *                           (default 80)
 * @param pauseMinersBelow   miners pause below this (default 50)
 * @param resumeMinersAbove  miners resume above this (default 80)
 * @param maxGridDrawWatts   most the site may import from the grid
 * @param minerCooldownMinutes after a switch, automation leaves a device alone this long (default 10)
 * @param manualHoldMinutes  a manual command holds its device this long (default 60)
 * @param pauseConfirmMinutes miners pause only after the charge stayed below the threshold this long (default 0)
 * @param batteryCapacityKwh usable battery capacity; 0 when unknown. With it the battery floor projects
 *                           the charge to the next reading at the present draw (default 0)
 * @param autoPauseMiners    automation pauses miners for a low battery (default yes); no leaves them running until
 *                           the battery floor sheds them below the minimum or at critical charge
 */
public record Preferences(double criticalSoc, double minSoc, double targetSoc, double pauseMinersBelow,
                          double resumeMinersAbove, double maxGridDrawWatts, LocalTime solarPriorityFrom,
                          LocalTime solarPriorityUntil, LocalTime quietFrom, LocalTime quietUntil,
                          int minerCooldownMinutes, int manualHoldMinutes, int pauseConfirmMinutes,
                          double batteryCapacityKwh, boolean autoPauseMiners) {

    /** What is wrong, in words; empty when the preferences can be used. */
    public List<String> violations() {
        List<String> v = new ArrayList<>();
        double[] socs = {criticalSoc, minSoc, targetSoc, pauseMinersBelow, resumeMinersAbove};
        String[] names = {"criticalSoc", "minSoc", "targetSoc", "pauseMinersBelow", "resumeMinersAbove"};
        for (int i = 0; i < socs.length; i++) {
            if (!Double.isFinite(socs[i]) || socs[i] < 0 || socs[i] > 100) {
                v.add(names[i] + " must be between 0 and 100 % (every SOC threshold must be between 0 and 100 %)");
            }
        }
        if (!(criticalSoc < minSoc)) v.add("criticalSoc must be below minSoc");
        if (!(minSoc <= targetSoc)) v.add("minSoc must not be above targetSoc");
        if (!(targetSoc <= 100)) v.add("targetSoc must not be above 100");
        if (!(pauseMinersBelow < resumeMinersAbove)) v.add("pauseMinersBelow must be below resumeMinersAbove");
        if (!(pauseMinersBelow >= criticalSoc)) v.add("pauseMinersBelow must not be below criticalSoc");
        if (!Double.isFinite(maxGridDrawWatts) || maxGridDrawWatts < 0) v.add("maxGridDrawWatts must be 0 or more");
        else if (maxGridDrawWatts > 100_000) v.add("maxGridDrawWatts must be at most 100000 W");
        if ((solarPriorityFrom == null) != (solarPriorityUntil == null)) {
            v.add("solar priority hours need both from and until");
        }
        if ((quietFrom == null) != (quietUntil == null)) v.add("quiet hours need both from and until");
        if (minerCooldownMinutes < 0 || minerCooldownMinutes > 1440) v.add("minerCooldownMinutes must be 0 to 1440");
        if (manualHoldMinutes < 0 || manualHoldMinutes > 1440) v.add("manualHoldMinutes must be 0 to 1440");
        // readings are kept two hours; the confirmation must fit well inside
        if (pauseConfirmMinutes < 0 || pauseConfirmMinutes > 60) v.add("pauseConfirmMinutes must be 0 to 60");
        if (!Double.isFinite(batteryCapacityKwh) || batteryCapacityKwh < 0 || batteryCapacityKwh > 10_000) {
            v.add("batteryCapacityKwh must be 0 (unknown) to 10000 kWh");
        }
        return v;
    }

    /** The settings fact the rules read. */
    public SiteSettings toSettings() {
        return new SiteSettings(criticalSoc, minSoc, targetSoc, pauseMinersBelow, resumeMinersAbove, maxGridDrawWatts,
                DailyWindow.of(solarPriorityFrom, solarPriorityUntil), DailyWindow.of(quietFrom, quietUntil),
                minerCooldownMinutes * 60_000L, manualHoldMinutes * 60_000L, pauseConfirmMinutes * 60_000L)
                .withBatteryCapacity(batteryCapacityKwh * 1000).withAutoPauseMiners(autoPauseMiners);
    }
}
