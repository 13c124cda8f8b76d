package io.commandcenter.control;

import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;
import java.time.Instant;
import java.util.List;

/**
 * The rules' verdict on a request, asked before anything is sent. Implemented over the rules
 * engine; the pipeline never sends a command the gate did not allow.
 */
interface ActionGate {

    Ruling check(ActionRequest request);

    record Ruling(Outcome outcome, List<String> reasons, List<String> rules, Instant holdUntil) {
        enum Outcome { ALLOWED, BLOCKED, NEEDS_APPROVAL }

        boolean allowed() {
            return outcome == Outcome.ALLOWED;
        }
    }
}
