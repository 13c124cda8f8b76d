package io.commandcenter.control;

import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;

/**
 * A port the approval feature implements: the rules decided that an automated action waits for a
 * person (decisions.drl, by the owner's confirmation mode), and someone has to ask. Without a gate
 * such an action never runs.
 */
public interface AutomationGate {

    /** Asks a person about an automated action the rules judged NEEDS_APPROVAL; it runs once approved. */
    void askForApproval(ActionRequest request, Decision decision);
}
