package io.commandcenter.engine.facts;

import java.util.Objects;

/** The owner's confirmation mode as the rules see it; absent means NEVER (tests and dry runs without one). */
public record Confirmation(ConfirmationMode mode) {

    public Confirmation {
        Objects.requireNonNull(mode, "mode");
    }
}
