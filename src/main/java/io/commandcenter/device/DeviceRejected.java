package io.commandcenter.device;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** A device or device list with bad fields; nothing was registered or changed. */
final class DeviceRejected extends Rejected {

    DeviceRejected(String type, String detail) {
        super(HttpStatus.BAD_REQUEST, type, detail);
    }
}
