package io.commandcenter.testmode;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** Rule files sent by someone below admin: DRL is code, so only an admin may run their own. */
final class RuleFilesNeedAdmin extends Rejected {

    RuleFilesNeedAdmin() {
        super(HttpStatus.FORBIDDEN, "rule-files-need-admin",
                "Only an admin may submit rule files (DRL is code); simulate with the live rules, decision"
                        + " tables and setting overrides instead");
    }
}
