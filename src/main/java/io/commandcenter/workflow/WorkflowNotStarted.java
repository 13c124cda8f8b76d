package io.commandcenter.workflow;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** A start or a cancel that cannot be done now: already running, automation off, or a run that has ended. */
final class WorkflowNotStarted extends Rejected {

    WorkflowNotStarted(String name, String why) {
        super(HttpStatus.CONFLICT, "workflow-not-started", "Workflow \"" + name + "\": " + why);
    }
}
