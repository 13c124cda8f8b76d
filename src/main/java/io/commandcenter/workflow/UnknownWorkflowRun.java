package io.commandcenter.workflow;

import java.util.UUID;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No workflow run has this id. */
final class UnknownWorkflowRun extends Rejected {

    UnknownWorkflowRun(UUID id) {
        super(HttpStatus.NOT_FOUND, "unknown-workflow-run", "No workflow run " + id);
    }
}
