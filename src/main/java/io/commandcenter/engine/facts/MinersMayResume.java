package io.commandcenter.engine.facts;

/** Conclusion: the battery is above the miner resume threshold and at the owner's target charge. */
public record MinersMayResume() implements Situation {
}
