package io.commandcenter.control;

import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.RulesEngine;
import org.springframework.stereotype.Component;

/** Asks the live rules engine (safety, priority, holds) about each request. */
@Component
class EngineActionGate implements ActionGate {

    private final RulesEngine engine;

    EngineActionGate(RulesEngine engine) {
        this.engine = engine;
    }

    @Override
    public Verdict check(ActionRequest request) {
        return verdictOf(engine.evaluate(request));
    }

    static Verdict verdictOf(Decision decision) {
        Verdict.Outcome outcome = switch (decision.outcome()) {
            case ALLOWED -> Verdict.Outcome.ALLOWED;
            case BLOCKED -> Verdict.Outcome.BLOCKED;
            case NEEDS_APPROVAL -> Verdict.Outcome.NEEDS_APPROVAL;
        };
        return new Verdict(outcome, decision.reasons(), decision.firedRules(), decision.holdUntil());
    }
}
