package io.commandcenter.testmode;

import java.time.ZoneId;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Test mode settings ({@code commandcenter.testmode.*}).
 *
 * @param workers        runs executed at once (each takes one core while it runs)
 * @param queue          runs waiting beyond that; more are refused with 503
 * @param maxChartPoints samples kept for the chart in each report
 * @param maxReplayDays  longest replay window (raw readings are kept about 72 h by default)
 * @param zone           the site's time zone for replays (local clock rules: quiet hours, solar priority)
 * @param shadowLogSize  "would have done" entries shadow mode keeps
 */
@ConfigurationProperties("commandcenter.testmode")
@Validated
record TestModeProperties(@DefaultValue("1") @Positive int workers, @DefaultValue("8") @Positive int queue,
                          @DefaultValue("1500") @Positive int maxChartPoints,
                          @DefaultValue("7") @Positive int maxReplayDays,
                          @DefaultValue("UTC") @NotNull ZoneId zone, @DefaultValue("500") @Positive int shadowLogSize) {
}
