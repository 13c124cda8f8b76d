package io.commandcenter.approval;

import io.commandcenter.control.AutomationGate;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;
import org.springframework.stereotype.Component;

/**
 * Asks a person about the automated actions the rules sent for approval. Which ones wait is not
 * decided here: decisions.drl reads the owner's confirmation mode as a fact.
 */
@Component
class ApprovalGate implements AutomationGate {

    private final ApprovalService approvals;

    ApprovalGate(ApprovalService approvals) {
        this.approvals = approvals;
    }

    @Override
    public void askForApproval(ActionRequest request, Decision decision) {
        approvals.hold(request, String.join("; ", decision.firedRules()));
    }
}
