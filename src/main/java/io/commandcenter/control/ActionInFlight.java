package io.commandcenter.control;

import java.util.UUID;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** A retry of an action that is still running: only a finished action can be tried again. */
final class ActionInFlight extends Rejected {

    ActionInFlight(UUID id) {
        super(HttpStatus.CONFLICT, "action-in-flight", "Action " + id + " has not finished yet");
    }
}
