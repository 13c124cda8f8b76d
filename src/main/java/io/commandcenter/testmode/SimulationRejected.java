package io.commandcenter.testmode;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** A dry run or shadow session that cannot start as asked: scenario, window, rules or settings are wrong. */
final class SimulationRejected extends Rejected {

    SimulationRejected(String type, String detail) {
        super(HttpStatus.BAD_REQUEST, type, detail);
    }
}
