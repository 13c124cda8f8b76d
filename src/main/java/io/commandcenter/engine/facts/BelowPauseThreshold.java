package io.commandcenter.engine.facts;

/**
 * The battery has read below the miner pause threshold since the reading at {@code since}, which
 * read {@code soc}. Inserted and removed by the definitions as readings cross the threshold, so
 * "below for N minutes" is one comparison per reading instead of a scan over past readings.
 */
public record BelowPauseThreshold(long since, double soc) {
}
