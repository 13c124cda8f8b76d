package io.commandcenter.engine;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** A fact, lock, preference set or decision table with bad fields; nothing was changed. */
final class InputRejected extends Rejected {

    InputRejected(String type, String detail) {
        super(HttpStatus.BAD_REQUEST, type, detail);
    }
}
