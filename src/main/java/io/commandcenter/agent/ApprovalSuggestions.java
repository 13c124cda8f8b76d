package io.commandcenter.agent;

import java.time.Clock;

import io.commandcenter.approval.ApprovalService;
import io.commandcenter.approval.PendingAction;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;

/**
 * Suggestions go to the approvals pipeline as agent requests: the rules judge them first, then a
 * person is asked. Agent requests always wait for a person, whatever the confirmation setting. The
 * pending action is recorded as requested by the signed-in user who asked.
 */
class ApprovalSuggestions implements ActionSuggestions {

    private final ApprovalService approvals;
    private final Clock clock;

    ApprovalSuggestions(ApprovalService approvals, Clock clock) {
        this.approvals = approvals;
        this.clock = clock;
    }

    @Override
    public SuggestedAction propose(String device, boolean on, String why, Requester requester, String question) {
        // The agent's explanation is the request's reason; the requester's own words go with it as "why".
        // Both are untrusted text: the notifications quote and cut them.
        String reason = why == null || why.isBlank() ? "agent suggestion" : why;
        ActionRequest request = ActionRequest.of(device, on, Source.AGENT, requester.name(), reason, clock.instant());
        PendingAction action = approvals.propose(request, question == null ? "" : question);
        String switchText = "switch " + device + (on ? " on" : " off");
        if (action.state() == PendingAction.State.PENDING) {
            return new SuggestedAction(device, on, "PENDING_APPROVAL", action.id().toString(),
                    "I created a pending action to " + switchText + " (code " + action.shortCode()
                            + "); nothing happens until a person approves it.");
        }
        return new SuggestedAction(device, on, "BLOCKED", action.id().toString(),
                "The safety rules refused to " + switchText + ": "
                        + (action.resultDetail() == null ? action.state().name() : action.resultDetail()) + ".");
    }
}
