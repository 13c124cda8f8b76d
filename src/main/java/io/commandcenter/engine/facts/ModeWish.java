package io.commandcenter.engine.facts;

/** Conclusion: an if/then rule wants the site mode to be {@code mode}; the engine hands it to the site modes. */
public record ModeWish(String rule, String mode) {
}
