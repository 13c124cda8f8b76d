package io.commandcenter.workflow;

import java.time.Instant;

/** A workflow's notify step: the owner is told, by the notification settings (quiet hours unless critical). */
public record WorkflowNotifies(String workflow, String step, String message, boolean critical, Instant at) {
}
