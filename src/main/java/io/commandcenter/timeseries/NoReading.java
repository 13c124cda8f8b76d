package io.commandcenter.timeseries;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** Nothing of that kind has been stored yet, so there is no latest value to show. */
final class NoReading extends Rejected {

    NoReading(String what) {
        super(HttpStatus.NOT_FOUND, "no-reading", "No " + what + " reading has been stored yet");
    }
}
