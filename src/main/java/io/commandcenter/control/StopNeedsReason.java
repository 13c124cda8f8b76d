package io.commandcenter.control;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** An emergency stop asked for without saying why: the log and the owner's alert need a reason. */
final class StopNeedsReason extends Rejected {

    StopNeedsReason() {
        super(HttpStatus.BAD_REQUEST, "reason-required", "Say why the emergency stop is engaged ('why')");
    }
}
