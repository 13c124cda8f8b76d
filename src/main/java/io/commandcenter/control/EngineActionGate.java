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
    public Ruling check(ActionRequest request) {
        return rulingOf(engine.evaluate(request));
    }

    static Ruling rulingOf(Decision decision) {
        Ruling.Outcome outcome = switch (decision.outcome()) {
            case ALLOWED -> Ruling.Outcome.ALLOWED;
            case BLOCKED -> Ruling.Outcome.BLOCKED;
            case NEEDS_APPROVAL -> Ruling.Outcome.NEEDS_APPROVAL;
        };
        return new Ruling(outcome, decision.reasons(), decision.firedRules(), decision.holdUntil());
    }
}
