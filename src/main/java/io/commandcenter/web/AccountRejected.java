package io.commandcenter.web;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** A user or API token that cannot be made as asked: bad name, missing role, weak password. */
final class AccountRejected extends Rejected {

    AccountRejected(String type, String detail) {
        super(HttpStatus.BAD_REQUEST, type, detail);
    }
}
