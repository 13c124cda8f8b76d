package io.commandcenter.engine;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No rule-set version with that number was ever activated. */
final class UnknownRuleSetVersion extends Rejected {

    UnknownRuleSetVersion(int version) {
        super(HttpStatus.NOT_FOUND, "unknown-rule-set-version", "no rule set version " + version);
    }
}
