package io.commandcenter.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * How polling of one cloud is going. Rates are null when there were no polls in the window: unknown, not 0 %.
 *
 * @param state              how the source is doing: NOT_CONFIGURED, POLLING, DEGRADED (success in the last hour
 *                           below {@code commandcenter.ingest.degraded-below}, polls failing now and then), ALERT or
 *                           OFF (switched off by its feature flag)
 * @param enabled            whether the source is polled at all (false when not configured or switched off)
 * @param origin             "simulator", the cloud's address, or what is missing before it can be polled, or which
 *                           flag switched it off
 * @param interval           time between polls
 * @param lastSuccess        start of the last successful poll, null if none
 * @param lastError          the last failed poll, null if none
 * @param successRateLastHour share of successful polls in the last hour, 0..1
 * @param successRateLastDay  share of successful polls in the last 24 hours, 0..1
 * @param openAlerts         alerts raised for this source and not yet cleared
 * @param recentGaps         spans without a successful poll longer than twice the interval
 */
public record SourceHealth(PollSource source, State state, boolean enabled, String origin, Duration interval,
                           Instant lastSuccess, PollError lastError, Double successRateLastHour, int pollsLastHour,
                           Double successRateLastDay, int pollsLastDay, List<PollAlert> openAlerts,
                           List<DataGap> recentGaps) {

    /** How a source is doing, worst first. */
    public enum State {
        /** No successful poll for {@code alert-after}: an alert is open. */
        ALERT,
        /** Polls succeed, but fewer than {@code degraded-below} of them in the last hour: data has holes. */
        DEGRADED,
        /** Polled and succeeding. */
        POLLING,
        /**
         * Nothing to poll: no account and no simulator, or an account without a device registered. Shown amber
         * rather than as a healthy 100 %, since the site is not being watched.
         */
        NOT_CONFIGURED,
        /**
         * Switched off by its feature flag (VICTRON_POLLING, SHELLY_POLLING, SOLARK_POLLING): not polled, on purpose,
         * so neither failing nor quiet, and no alert.
         */
        OFF
    }

    /** A failed poll: when it started and why it failed. */
    public record PollError(Instant at, String message) {
    }
}
