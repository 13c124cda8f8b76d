package io.commandcenter.workflow;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * One run of a workflow, as it stands: the definition it started with (an edit does not change a running run), the
 * step it is at and since when, the devices a switch step already had carried out, and how it ended.
 */
public record WorkflowRun(UUID id, String workflow, Workflow definition, Status status, String step,
                          Instant stepStartedAt, Set<String> switched, Instant startedAt, String startedBy,
                          Instant endedAt, String outcome, int stepsTaken) {

    public enum Status {
        RUNNING,
        /** Went through to its end. */
        FINISHED,
        /** A step was blocked or timed out and the workflow said to end there. */
        BLOCKED,
        /** The emergency stop halted it. */
        HALTED,
        /** A person cancelled it. */
        CANCELLED,
        /** It could not go on (a step it names is gone, a failure); never repeated. */
        FAILED
    }

    public WorkflowRun {
        switched = Set.copyOf(switched);
    }

    public boolean running() {
        return status == Status.RUNNING;
    }

    /** A new run at the first step. */
    static WorkflowRun start(Workflow w, Instant now, String by) {
        return new WorkflowRun(UUID.randomUUID(), w.name(), w, Status.RUNNING, w.steps().get(0).id(), now, Set.of(),
                now, by, null, null, 0);
    }

    WorkflowRun at(String nextStep, Instant now) {
        return new WorkflowRun(id, workflow, definition, status, nextStep, now, Set.of(), startedAt, startedBy, null,
                null, stepsTaken + 1);
    }

    WorkflowRun withSwitched(Set<String> devices) {
        return new WorkflowRun(id, workflow, definition, status, step, stepStartedAt, devices, startedAt, startedBy,
                endedAt, outcome, stepsTaken);
    }

    WorkflowRun ended(Status how, Instant now, String why) {
        return new WorkflowRun(id, workflow, definition, how, step, stepStartedAt, switched, startedAt, startedBy, now,
                why, stepsTaken);
    }

    /** One step's record in a run's history. */
    public record StepTaken(UUID run, int seq, String step, Workflow.Does does, String inWords, Instant startedAt,
                            Instant endedAt, String outcome) {
    }
}
