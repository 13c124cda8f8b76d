package io.commandcenter.web;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No such user or API token. */
final class UnknownAccount extends Rejected {

    UnknownAccount(String type, String detail) {
        super(HttpStatus.NOT_FOUND, type, detail);
    }
}
