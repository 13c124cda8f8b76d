package io.commandcenter.workflow;

import java.security.Principal;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.engine.AutomationChoices;
import io.commandcenter.engine.SiteModeService;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The workflows section of /automation, loaded into the page by htmx (the page belongs to the engine, which cannot
 * see this module): each workflow in words with its next start, the recent runs with every step they took, Run now,
 * Edit and Delete for admins and Cancel for operators, and the admins' workflow form (its script calls
 * {@link WorkflowController}). Run now, Switch off and Cancel answer with the lists only, so a form being filled in
 * stays as it is.
 */
@Controller
class WorkflowPageController {

    record WorkflowLine(String name, boolean enabled, String inWords, Instant nextStart, boolean running,
                        long thisWeek, Instant last) {
    }

    record RunLine(WorkflowRun run, List<WorkflowRun.StepTaken> steps) {
    }

    private final WorkflowService workflows;
    private final DeviceRegistry devices;
    private final SiteModeService siteModes;

    WorkflowPageController(WorkflowService workflows, DeviceRegistry devices, SiteModeService siteModes) {
        this.workflows = workflows;
        this.devices = devices;
        this.siteModes = siteModes;
    }

    @GetMapping("/automation/workflows")
    String section(Model model) {
        lists(model);
        // the form's selects: the if/then builder's, so a step's conditions offer the same as a rule's
        model.addAttribute("choices", AutomationChoices.of(devices.findAll(), siteModes.all(), workflows.zone()));
        return "workflow/workflows :: section";
    }

    private String lists(Model model) {
        List<WorkflowRun> recent = workflows.recentRuns(10);
        var week = workflows.startsThisWeek();
        model.addAttribute("workflows", workflows.workflows().stream().map(w -> {
            Object[] starts = week.getOrDefault(w.name(), new Object[] {0L, null});
            return new WorkflowLine(w.name(), w.enabled(), w.inWords(), workflows.nextStart(w),
                    recent.stream().anyMatch(r -> r.running() && r.workflow().equals(w.name())), (Long) starts[0],
                    (Instant) starts[1]);
        }).toList());
        model.addAttribute("runs", recent.stream().map(r -> new RunLine(r, workflows.steps(r.id()))).toList());
        return "workflow/workflows :: lists";
    }

    @PostMapping("/automation/workflows/{name}/run")
    String run(@PathVariable String name, Principal user, Model model) {
        workflows.start(name, user.getName());
        return lists(model);
    }

    @PostMapping("/automation/workflows/{name}/enabled")
    String enabled(@PathVariable String name, @RequestParam boolean enabled, Principal user, Model model) {
        workflows.setEnabled(name, enabled, user.getName());
        return lists(model);
    }

    @PostMapping("/automation/workflows/runs/{id}/cancel")
    String cancel(@PathVariable UUID id, Principal user, Model model) {
        workflows.cancel(id, user.getName());
        return lists(model);
    }
}
