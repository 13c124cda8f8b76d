package io.commandcenter.testmode;

import java.time.ZoneId;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

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
record TestModeProperties(@DefaultValue("1") int workers, @DefaultValue("8") int queue,
                          @DefaultValue("1500") int maxChartPoints, @DefaultValue("7") int maxReplayDays,
                          @DefaultValue("UTC") ZoneId zone, @DefaultValue("500") int shadowLogSize) {
}
