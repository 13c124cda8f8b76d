package io.commandcenter.ingest;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** A change to a cloud account the environment sets: the environment wins, so change it there. */
final class AccountFromEnvironment extends Rejected {

    AccountFromEnvironment(String source, String environment) {
        super(HttpStatus.CONFLICT, "account-from-environment", "The " + source + " account is set in the environment ("
                + environment + "): change it there");
    }
}
