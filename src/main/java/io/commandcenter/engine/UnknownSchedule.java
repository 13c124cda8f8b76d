package io.commandcenter.engine;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No schedule has this name. */
final class UnknownSchedule extends Rejected {

    UnknownSchedule(String name) {
        super(HttpStatus.NOT_FOUND, "unknown-schedule", "No schedule named \"" + name + "\"");
    }
}
