package io.commandcenter.engine.facts;

/** Conclusion: the battery stayed below the miner pause threshold for the confirmation time. */
public record MinersShouldPause() implements Situation {
}
