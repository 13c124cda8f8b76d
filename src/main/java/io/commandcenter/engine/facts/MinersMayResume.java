package io.commandcenter.engine.facts;

/** Conclusion: the battery is above the miner resume threshold. */
public record MinersMayResume() implements Situation {
}
