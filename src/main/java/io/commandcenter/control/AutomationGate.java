package io.commandcenter.control;

import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;

/**
 * A port other features implement to hold back an allowed automated action until a person says
 * yes. When no gate is present every allowed automation runs at once.
 */
public interface AutomationGate {

    /**
     * Called for an allowed automated action before it runs.
     *
     * @return true when the gate took the action over (it will run it later, or never), false to run it now
     */
    boolean holdForConfirmation(ActionRequest request, Decision decision);
}
