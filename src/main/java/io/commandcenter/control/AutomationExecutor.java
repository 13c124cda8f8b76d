package io.commandcenter.control;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.commandcenter.engine.ActionProposed;
import io.commandcenter.engine.Decision;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Carries out what the live rules decided on their own (miner pause/resume, decision-table rows)
 * through the same pipeline as manual commands. Runs off the engine thread so a slow device never
 * delays the rules.
 */
@Component
class AutomationExecutor implements AutoCloseable {

    private static final Log log = LogFactory.getLog(AutomationExecutor.class);

    private final CommandService commands;
    private final ObjectProvider<AutomationGate> gates;
    private final ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
        Thread t = new Thread(r, "automation");
        t.setDaemon(true);
        return t;
    });

    AutomationExecutor(CommandService commands, ObjectProvider<AutomationGate> gates) {
        this.commands = commands;
        this.gates = gates;
    }

    @EventListener
    void onProposal(ActionProposed proposed) {
        Decision.Outcome outcome = proposed.decision().outcome();
        if (outcome == Decision.Outcome.BLOCKED) {
            return; // the decision log already says why
        }
        executor.submit(() -> {
            try {
                if (outcome == Decision.Outcome.NEEDS_APPROVAL) {
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

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
