package io.commandcenter.engine;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No decision table of that name. */
final class UnknownDecisionTable extends Rejected {

    UnknownDecisionTable(String name) {
        super(HttpStatus.NOT_FOUND, "unknown-table", "No decision table named " + name);
    }
}
