package io.commandcenter.workflow;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * Workflows over REST: everyone reads them and their runs; admins save, delete and start them (they act on the site);
 * an operator may cancel a run, as they may press STOP.
 */
@RestController
@RequestMapping({"/workflows", "/api/v1/workflows"})
class WorkflowController {

    record WorkflowView(String name, boolean enabled, LocalTime startsAt, List<Integer> weekdays, String inWords,
                        Instant nextStart, List<Workflow.Step> steps) {
    }

    record WorkflowBody(Boolean enabled, LocalTime startsAt, List<Integer> weekdays, List<Workflow.Step> steps) {
    }

    record RunView(UUID id, String workflow, WorkflowRun.Status status, String step, Instant stepStartedAt,
                   Instant startedAt, String startedBy, Instant endedAt, String outcome,
                   List<WorkflowRun.StepTaken> steps) {
    }

    private final WorkflowService workflows;

    WorkflowController(WorkflowService workflows) {
        this.workflows = workflows;
    }

    @GetMapping
    List<WorkflowView> list() {
        return workflows.all().stream().map(s -> view(s.workflow())).toList();
    }

    @GetMapping("/{name}")
    WorkflowView show(@PathVariable String name) {
        return view(workflows.find(name));
    }

    @PutMapping("/{name}")
    WorkflowView save(@PathVariable String name, @RequestBody WorkflowBody body, Principal user) {
        Workflow w = new Workflow(name, body.enabled() == null || body.enabled(), body.startsAt(), body.weekdays(),
                body.steps());
        return view(workflows.save(w, user.getName()));
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        workflows.delete(name);
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/{name}/runs")
    RunView start(@PathVariable String name, Principal user) {
        return run(workflows.start(name, user.getName()));
    }

    @GetMapping("/runs")
    List<RunView> runs(@RequestParam(defaultValue = "20") int limit) {
        return workflows.recentRuns(Math.max(1, Math.min(limit, 200))).stream().map(this::run).toList();
    }

    @GetMapping("/runs/{id}")
    RunView run(@PathVariable UUID id) {
        return run(workflows.run(id));
    }

    @PostMapping("/runs/{id}/cancel")
    RunView cancel(@PathVariable UUID id, Principal user) {
        return run(workflows.cancel(id, user.getName()));
    }

    private WorkflowView view(Workflow w) {
        return new WorkflowView(w.name(), w.enabled(), w.startsAt(), w.weekdays(), w.inWords(), workflows.nextStart(w),
                w.steps());
    }

    private RunView run(WorkflowRun r) {
        return new RunView(r.id(), r.workflow(), r.status(), r.step(), r.stepStartedAt(), r.startedAt(), r.startedBy(),
                r.endedAt(), r.outcome(), workflows.steps(r.id()));
    }
}
