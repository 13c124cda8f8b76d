package io.commandcenter.agent;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** The AGENTS feature flag is off: nobody answers, so the chat says so instead of pretending to think. */
final class AgentsSwitchedOff extends Rejected {

    AgentsSwitchedOff() {
        super(HttpStatus.SERVICE_UNAVAILABLE, "agents-disabled", "The agents are switched off (feature flag AGENTS);"
                + " an admin can switch them on again on the settings page");
        with("feature", "AGENTS");
    }
}
