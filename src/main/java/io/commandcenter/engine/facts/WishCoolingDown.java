package io.commandcenter.engine.facts;

/** Conclusion: the table rule's device was switched within the row's cooldown. */
public record WishCoolingDown(String rule, String device) {
}
