package io.commandcenter.agent;

/**
 * Where an agent's suggestion to switch a device goes: the approvals pipeline, which runs it
 * through the safety rules and waits for a person. Agents never switch devices themselves.
 */
public interface ActionSuggestions {

    /** Creates a pending action; returns what the person will see. */
    SuggestedAction propose(String device, boolean on, String why);

    /**
     * @param device   device registry name
     * @param on       the state suggested
     * @param state    "PENDING_APPROVAL", "BLOCKED" or "UNAVAILABLE"
     * @param actionId id of the pending action, null when none was created
     * @param detail   plain words for the answer
     */
    record SuggestedAction(String device, boolean on, String state, String actionId, String detail) {
    }
}
