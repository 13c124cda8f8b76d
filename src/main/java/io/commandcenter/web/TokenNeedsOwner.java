package io.commandcenter.web;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** An API token is asked for by no one: only a signed-in user or token owns one. */
final class TokenNeedsOwner extends Rejected {

    TokenNeedsOwner() {
        super(HttpStatus.FORBIDDEN, "no-token-owner", "A token must belong to a signed-in user");
    }
}
