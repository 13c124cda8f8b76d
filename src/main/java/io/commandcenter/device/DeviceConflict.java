package io.commandcenter.device;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** A registration that clashes with the registry (name or relay taken) or cannot run now (no account to discover in). */
final class DeviceConflict extends Rejected {

    DeviceConflict(String type, String detail) {
        super(HttpStatus.CONFLICT, type, detail);
    }
}
