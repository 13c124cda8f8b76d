package io.commandcenter.engine.facts;

/**
 * Memory: since when (epoch millis) every condition of an if/then rule has held; removed when one stops holding.
 * Kept across readings, so "for 10 minutes" counts from the first moment, not from the latest reading.
 */
public record HoldingSince(String rule, long since) {
}
