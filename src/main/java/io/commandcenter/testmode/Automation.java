package io.commandcenter.testmode;

import java.time.Instant;
import java.util.List;

import io.commandcenter.engine.Schedule;
import io.commandcenter.engine.SiteMode;
import io.commandcenter.workflow.Workflow;

/**
 * The owner's automation outside the rule set that a dry run carries out too: schedules, workflows (started at their
 * daily time), and the site modes a schedule, a workflow or an if/then rule may switch to.
 */
public record Automation(List<Schedule> schedules, List<Workflow> workflows, List<SiteMode> modes,
                         List<Start> starts) {

    public static final Automation NONE = new Automation(List.of(), List.of(), List.of());

    /** A workflow started by hand at a time of the dry run, as a person would have started it. */
    public record Start(String workflow, Instant at) {
    }

    public Automation(List<Schedule> schedules, List<Workflow> workflows, List<SiteMode> modes) {
        this(schedules, workflows, modes, List.of());
    }

    public Automation {
        schedules = List.copyOf(schedules);
        workflows = List.copyOf(workflows);
        modes = List.copyOf(modes);
        starts = List.copyOf(starts);
    }

    /** The same, with {@code workflow} started by hand at {@code at}. */
    public Automation startingAt(String workflow, Instant at) {
        List<Start> more = new java.util.ArrayList<>(starts);
        more.add(new Start(workflow, at));
        return new Automation(schedules, workflows, modes, more);
    }
}
