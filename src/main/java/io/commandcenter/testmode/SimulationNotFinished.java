package io.commandcenter.testmode;

import java.util.UUID;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** A report asked for before its run is done (or after it failed). */
final class SimulationNotFinished extends Rejected {

    SimulationNotFinished(UUID id, SimulationRun.Status status, String error) {
        super(HttpStatus.CONFLICT, "simulation-not-finished", "Simulation " + id + " is " + status
                + (error == null ? "" : ": " + error));
    }
}
