package io.commandcenter.ingest;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** A setup request for a cloud the site does not poll. */
final class UnknownCloud extends Rejected {

    UnknownCloud(String key) {
        super(HttpStatus.NOT_FOUND, "unknown-cloud", "No cloud named '" + key + "': victron, shelly or solark");
    }
}
