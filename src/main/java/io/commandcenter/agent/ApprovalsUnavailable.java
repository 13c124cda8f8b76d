package io.commandcenter.agent;

/**
 * Used while no approvals pipeline is wired in: a suggestion is answered plainly and nothing is
 * created, so nothing can run without a person.
 */
class ApprovalsUnavailable implements ActionSuggestions {

    @Override
    public SuggestedAction propose(String device, boolean on, String why, Requester requester, String question) {
        return new SuggestedAction(device, on, "UNAVAILABLE", null,
                "Approvals are not available on this installation, so no pending action was created. "
                        + "Switch " + device + (on ? " on" : " off") + " yourself from the control page if you agree.");
    }
}
