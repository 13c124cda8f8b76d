package io.commandcenter.agent;

/**
 * Where an agent's suggestion to switch a device goes: the approvals pipeline, which runs it
 * through the safety rules and waits for a person. Agents never switch devices themselves.
 */
public interface ActionSuggestions {

    /**
     * Creates a pending action for an operator's or admin's request; returns what the person will see.
     *
     * @param why       the agent's explanation
     * @param requester who asked; only called for one who may queue actions
     * @param question  the requester's own words (the chat question), may be null
     */
    SuggestedAction propose(String device, boolean on, String why, Requester requester, String question);

    /**
     * @param device   device registry name
     * @param on       the state suggested
     * @param state    "PENDING_APPROVAL", "BLOCKED", "UNAVAILABLE" or "NOT_QUEUED" (the requester may not queue actions)
     * @param actionId id of the pending action, null when none was created
     * @param detail   plain words for the answer
     */
    record SuggestedAction(String device, boolean on, String state, String actionId, String detail) {
    }
}
