package io.commandcenter.engine.facts;

/** Conclusion: an if/then rule wants the owner told; the engine hands it to notifications once per start of it. */
public record NotifyWish(String rule, String message, boolean critical) {
}
