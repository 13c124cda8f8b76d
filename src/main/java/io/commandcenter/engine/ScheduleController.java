package io.commandcenter.engine;

import java.security.Principal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;

import io.commandcenter.device.DeviceType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Schedules over REST: everyone reads them with their next runs, admins save and delete. */
@RestController
@RequestMapping({"/engine/schedules", "/api/v1/engine/schedules"})
class ScheduleController {

    record ScheduleView(Schedule schedule, String inWords, List<Instant> nextRuns, Instant lastDue, String lastOutcome) {
    }

    record ScheduleBody(Boolean enabled, Schedule.Repeat repeat, LocalDateTime at, LocalTime time,
                        List<Integer> weekdays, String cron, Schedule.Does does, String device, DeviceType deviceType,
                        Boolean on, String mode, Integer forMinutes, Schedule.Missed missed) {
    }

    private final ScheduleService schedules;

    ScheduleController(ScheduleService schedules) {
        this.schedules = schedules;
    }

    @GetMapping
    List<ScheduleView> list() {
        return schedules.all().stream().map(this::view).toList();
    }

    /** One schedule as the list shows it; the /automation form fills itself from this to edit it. */
    @GetMapping("/{name}")
    ScheduleView show(@PathVariable String name) {
        return view(schedules.find(name));
    }

    private ScheduleView view(ScheduleRepository.Stored s) {
        return new ScheduleView(s.schedule(), s.schedule().inWords(), schedules.nextRuns(s.schedule(), 3), s.lastDue(),
                s.lastOutcome());
    }

    @PutMapping("/{name}")
    ScheduleView save(@PathVariable String name, @RequestBody ScheduleBody b, Principal user) {
        Schedule saved = schedules.save(new Schedule(name, b.enabled() == null || b.enabled(), b.repeat(), b.at(),
                b.time(), b.weekdays(), b.cron(), b.does(), b.device(), b.deviceType(), b.on(), b.mode(),
                b.forMinutes(), b.missed()), user.getName());
        return new ScheduleView(saved, saved.inWords(), schedules.nextRuns(saved, 3), null, null);
    }

    @DeleteMapping("/{name}")
    ResponseEntity<Void> delete(@PathVariable String name) {
        schedules.delete(name);
        return ResponseEntity.noContent().build();
    }
}
