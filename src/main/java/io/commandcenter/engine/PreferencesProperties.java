package io.commandcenter.engine;

import java.time.LocalTime;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import org.hibernate.validator.constraints.Range;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Default preferences, used until the owner saves their own (and after a reset). The ranges are those
 * {@link Preferences#violations()} holds saved preferences to.
 */
@ConfigurationProperties("commandcenter.preferences")
@Validated
record PreferencesProperties(
        @DefaultValue("20") @DecimalMin("0") @DecimalMax("100") double criticalSoc,
        @DefaultValue("30") @DecimalMin("0") @DecimalMax("100") double minSoc,
        @DefaultValue("80") @DecimalMin("0") @DecimalMax("100") double targetSoc,
        @DefaultValue("50") @DecimalMin("0") @DecimalMax("100") double pauseMinersBelow,
        @DefaultValue("80") @DecimalMin("0") @DecimalMax("100") double resumeMinersAbove,
        @DefaultValue("5000") @DecimalMin("0") @DecimalMax("100000") double maxGridDrawWatts,
        LocalTime solarPriorityFrom,
        LocalTime solarPriorityUntil,
        LocalTime quietFrom,
        LocalTime quietUntil,
        @DefaultValue("10") @Range(min = 0, max = 1440) int minerCooldownMinutes,
        @DefaultValue("60") @Range(min = 0, max = 1440) int manualHoldMinutes,
        @DefaultValue("0") @Range(min = 0, max = 60) int pauseConfirmMinutes,
        @DefaultValue("0") @DecimalMin("0") @DecimalMax("10000") double batteryCapacityKwh,
        @DefaultValue("true") boolean autoPauseMiners) {

    Preferences toPreferences() {
        return new Preferences(criticalSoc, minSoc, targetSoc, pauseMinersBelow, resumeMinersAbove, maxGridDrawWatts,
                solarPriorityFrom, solarPriorityUntil, quietFrom, quietUntil, minerCooldownMinutes, manualHoldMinutes,
                pauseConfirmMinutes, batteryCapacityKwh, autoPauseMiners);
    }
}
