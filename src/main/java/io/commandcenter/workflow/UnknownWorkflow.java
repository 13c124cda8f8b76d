package io.commandcenter.workflow;

import io.commandcenter.validation.Rejected;
import org.springframework.http.HttpStatus;

/** No workflow has this name. */
final class UnknownWorkflow extends Rejected {

    UnknownWorkflow(String name) {
        super(HttpStatus.NOT_FOUND, "unknown-workflow", "No workflow named \"" + name + "\"");
    }
}
