package io.commandcenter.testmode;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** The dry-run queue is full: runs are refused, not queued without bound. */
final class TestModeBusy extends Rejected {

    TestModeBusy() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "testmode-busy", "Too many simulations are queued; try again when one has finished");
    }
}
