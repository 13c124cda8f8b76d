package io.commandcenter.engine;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No query of that name in the live rules. */
final class UnknownQuery extends Rejected {

    UnknownQuery(String name) {
        super(HttpStatus.NOT_FOUND, "unknown-query", "No query named \"" + name + "\"");
    }
}
