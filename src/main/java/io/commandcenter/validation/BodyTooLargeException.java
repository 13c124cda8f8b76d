package io.commandcenter.validation;

import java.io.IOException;

/** A request body without a declared length passed {@link Limits#BODY_BYTES} while it was read. */
public final class BodyTooLargeException extends IOException {

    BodyTooLargeException() {
        super("The request body is larger than " + Limits.BODY_BYTES + " bytes");
    }
}
