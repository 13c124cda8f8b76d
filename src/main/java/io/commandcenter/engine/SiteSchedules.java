package io.commandcenter.engine;

import java.util.List;

/** The owner's schedules as stored, for features that carry them out elsewhere (dry runs). */
public interface SiteSchedules {

    List<Schedule> schedules();
}
