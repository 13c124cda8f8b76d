package io.commandcenter.engine;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** Rules that cannot go live: they do not build, the safety gate refuses them, or the live engine rolled them back. */
final class RuleRejected extends Rejected {

    RuleRejected(String type, String detail) {
        super(HttpStatus.UNPROCESSABLE_CONTENT, type, detail);
    }
}
