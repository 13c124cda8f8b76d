package io.commandcenter.testmode;

import java.util.List;

import io.commandcenter.engine.SiteModeService;
import io.commandcenter.engine.SiteSchedules;
import io.commandcenter.workflow.WorkflowService;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** The schedules, workflows and site modes stored now: a dry run carries them out as the live platform would. */
@Component
class LiveAutomation {

    private final ObjectProvider<SiteSchedules> schedules;
    private final ObjectProvider<WorkflowService> workflows;
    private final ObjectProvider<SiteModeService> modes;

    LiveAutomation(ObjectProvider<SiteSchedules> schedules, ObjectProvider<WorkflowService> workflows,
                   ObjectProvider<SiteModeService> modes) {
        this.schedules = schedules;
        this.workflows = workflows;
        this.modes = modes;
    }

    Automation current() {
        SiteSchedules s = schedules.getIfAvailable();
        WorkflowService w = workflows.getIfAvailable();
        SiteModeService m = modes.getIfAvailable();
        return new Automation(s == null ? List.of() : s.schedules(), w == null ? List.of() : w.workflows(),
                m == null ? List.of() : m.all());
    }
}
