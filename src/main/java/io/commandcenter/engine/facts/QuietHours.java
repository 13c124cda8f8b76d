package io.commandcenter.engine.facts;

/** Conclusion: it is the owner's quiet hours. */
public record QuietHours() implements Situation {
}
