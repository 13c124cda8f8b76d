package io.commandcenter.control;

import io.commandcenter.engine.ActionProposed;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.RulesEngine;
import io.commandcenter.engine.Source;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.core.task.TaskExecutor;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Carries out what the live rules decided on their own (miner pause/resume, decision-table rows)
 * through the same pipeline as manual commands. Runs off the engine thread so a slow device never
 * delays the rules. With the AUTOMATION flag off the pipeline logs automation's proposals without sending them
 * (the battery floor's protective offs still run), and nobody is asked to approve one.
 */
@Component
class AutomationExecutor {

    private static final Log log = LogFactory.getLog(AutomationExecutor.class);

    private final CommandService commands;
    private final ObjectProvider<AutomationGate> gates;
    private final RulesEngine engine;
    private final ControlFlags flags;
    private final TaskExecutor executor;

    AutomationExecutor(CommandService commands, ObjectProvider<AutomationGate> gates, RulesEngine engine,
                       ControlFlags flags, @Qualifier("automation") TaskExecutor executor) {
        this.commands = commands;
        this.gates = gates;
        this.engine = engine;
        this.flags = flags;
        this.executor = executor;
    }

    @EventListener
    void onProposal(ActionProposed proposed) {
        Decision.Outcome outcome = proposed.decision().outcome();
        if (outcome == Decision.Outcome.BLOCKED) {
            return; // the decision log already says why
        }
        executor.execute(() -> {
            try {
                if (outcome == Decision.Outcome.NEEDS_APPROVAL) {
                    if (proposed.request().source() == Source.AUTOMATION && !flags.automationEnabled()) {
                        // A yes would change nothing: the action would not be carried out. Nobody is asked, and the
                        // rules stop waiting for an answer.
                        log.info("Automation disabled by feature flag AUTOMATION: not asking anyone to approve "
                                + proposed.request().id() + " (switch " + proposed.request().device()
                                + (proposed.request().on() ? " on" : " off") + ")");
                        engine.approvalResolved(proposed.request().id());
                        return;
                    }
                    // The approval feature asks a person and runs the action itself once approved.
                    gates.forEach(gate -> gate.askForApproval(proposed.request(), proposed.decision()));
                } else {
                    commands.carryOut(proposed.request(), proposed.decision());
                }
            } catch (RuntimeException e) {
                log.error("Automation action " + proposed.request().id() + " failed unexpectedly", e);
            }
        });
    }
}
