package io.commandcenter.engine;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No if/then rule has this name. */
final class UnknownIfThenRule extends Rejected {

    UnknownIfThenRule(String name) {
        super(HttpStatus.NOT_FOUND, "unknown-if-then-rule", "No if/then rule named \"" + name + "\"");
    }
}
