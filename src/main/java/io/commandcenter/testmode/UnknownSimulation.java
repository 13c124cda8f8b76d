package io.commandcenter.testmode;

import java.util.UUID;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No simulation with that id. */
final class UnknownSimulation extends Rejected {

    UnknownSimulation(UUID id) {
        super(HttpStatus.NOT_FOUND, "simulation-not-found", "No simulation " + id);
    }
}
