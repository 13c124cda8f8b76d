package io.commandcenter.engine;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No site mode has this name. */
final class UnknownSiteMode extends Rejected {

    UnknownSiteMode(String name) {
        super(HttpStatus.NOT_FOUND, "unknown-site-mode", "No site mode named \"" + name + "\"");
    }
}
