package io.commandcenter.engine;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** An unlock of a device that holds no maintenance lock. */
final class NotLocked extends Rejected {

    NotLocked(String device) {
        super(HttpStatus.NOT_FOUND, "not-locked", "Device \"" + device + "\" is not locked");
    }
}
