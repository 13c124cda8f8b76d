package io.commandcenter.engine;

import java.time.LocalTime;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/** Default preferences, used until the owner saves their own (and after a reset). */
@ConfigurationProperties("commandcenter.preferences")
record PreferencesProperties(
        @DefaultValue("20") double criticalSoc,
        @DefaultValue("30") double minSoc,
        @DefaultValue("80") double targetSoc,
        @DefaultValue("50") double pauseMinersBelow,
        @DefaultValue("80") double resumeMinersAbove,
        @DefaultValue("5000") double maxGridDrawWatts,
        LocalTime solarPriorityFrom,
        LocalTime solarPriorityUntil,
        LocalTime quietFrom,
        LocalTime quietUntil,
        @DefaultValue("10") int minerCooldownMinutes,
        @DefaultValue("60") int manualHoldMinutes,
        @DefaultValue("0") int pauseConfirmMinutes,
        @DefaultValue("0") double batteryCapacityKwh) {

    Preferences toPreferences() {
        return new Preferences(criticalSoc, minSoc, targetSoc, pauseMinersBelow, resumeMinersAbove, maxGridDrawWatts,
                solarPriorityFrom, solarPriorityUntil, quietFrom, quietUntil, minerCooldownMinutes, manualHoldMinutes,
                pauseConfirmMinutes, batteryCapacityKwh);
    }
}
