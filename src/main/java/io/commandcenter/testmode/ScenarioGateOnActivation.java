package io.commandcenter.testmode;

import java.util.List;
import java.util.concurrent.Executor;

import io.commandcenter.engine.ActivationGate;
import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.facts.SiteSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/** Runs the scenario safety gate whenever the engine activates a rule set. */
@Component
@ConditionalOnProperty(name = "commandcenter.testmode.gate-on-activation", havingValue = "true", matchIfMissing = true)
class ScenarioGateOnActivation implements ActivationGate {

    private static final Logger log = LoggerFactory.getLogger(ScenarioGateOnActivation.class);

    private final ScenarioSafetyGate gate;

    ScenarioGateOnActivation(@Qualifier("safetyGateExecutor") Executor workers) {
        this.gate = ScenarioSafetyGate.shipped(workers);
    }

    @Override
    public List<String> refusals(RuleSet candidate, SiteSettings settings) {
        ScenarioSafetyGate.GateResult result = gate.check(candidate, settings);
        log.info("Scenario safety gate for rule set {}: {}", candidate.contentHash(), result.message());
        return result.failures().stream().map(ScenarioSafetyGate.Failure::describe).toList();
    }
}
