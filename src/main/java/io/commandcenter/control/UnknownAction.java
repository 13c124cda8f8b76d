package io.commandcenter.control;

import java.util.UUID;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No action with that id is in the action log. */
final class UnknownAction extends Rejected {

    UnknownAction(UUID id) {
        super(HttpStatus.NOT_FOUND, "unknown-action", "No action " + id);
    }
}
