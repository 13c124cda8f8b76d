package io.commandcenter.web;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** A change that clashes with what exists: the user is there already, the token is revoked, the last admin would go. */
final class AccountConflict extends Rejected {

    AccountConflict(String type, String detail) {
        super(HttpStatus.CONFLICT, type, detail);
    }
}
