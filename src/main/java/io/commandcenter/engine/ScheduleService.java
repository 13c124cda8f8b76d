package io.commandcenter.engine;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.engine.facts.ScheduledSwitch;
import io.commandcenter.validation.InvalidParams;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.scheduling.support.CronExpression;
import org.springframework.stereotype.Service;

/**
 * Runs the schedules on the injected clock: every tick it finds the runs that came due, carries out a site-mode
 * switch itself and hands due switches to the engine as {@link ScheduledSwitch} facts (the rules then decide, as
 * for any automation). A run missed while the platform was down (due more than {@link #GRACE} ago) is skipped or
 * run once, as the schedule says; never more than once. After a restart the switches still within their time come
 * back from the stored last run.
 */
@Service
class ScheduleService implements SiteSchedules {

    /** A run found this late was missed (the platform was down), not merely caught by the next tick. */
    static final Duration GRACE = Duration.ofMinutes(2);

    private static final Log log = LogFactory.getLog(ScheduleService.class);
    private static final Pattern NAME = Pattern.compile("[\\p{L}\\p{N}][\\p{L}\\p{N} ._-]{0,59}");

    private final ScheduleRepository repository;
    private final EngineService engine;
    private final SiteModeService siteModes;
    private final DeviceRegistry devices;
    private final Clock clock;
    private final ZoneId zone;

    ScheduleService(ScheduleRepository repository, EngineService engine, SiteModeService siteModes,
                    DeviceRegistry devices, Clock clock, EngineProperties properties) {
        this.repository = repository;
        this.engine = engine;
        this.siteModes = siteModes;
        this.devices = devices;
        this.clock = clock;
        this.zone = properties.zone();
    }

    List<ScheduleRepository.Stored> all() {
        return repository.findAll();
    }

    @Override
    public List<Schedule> schedules() {
        return repository.findAll().stream().map(ScheduleRepository.Stored::schedule).toList();
    }

    ScheduleRepository.Stored find(String name) {
        return repository.find(name).orElseThrow(() -> new UnknownSchedule(name));
    }

    /** The next {@code count} runs from now. */
    List<Instant> nextRuns(Schedule schedule, int count) {
        List<Instant> runs = new ArrayList<>();
        Instant from = clock.instant();
        for (int i = 0; i < count; i++) {
            Instant next = schedule.nextAfter(from, zone);
            if (next == null) {
                break;
            }
            runs.add(next);
            from = next;
        }
        return runs;
    }

    Schedule save(Schedule schedule, String by) {
        check(schedule);
        repository.save(schedule, clock.instant(), by);
        tick();
        return schedule;
    }

    void delete(String name) {
        if (!repository.delete(name)) {
            throw new UnknownSchedule(name);
        }
        tick();
    }

    @Scheduled(fixedDelayString = "${commandcenter.engine.schedule-tick:15s}")
    void tick() {
        tick(clock.instant());
    }

    synchronized void tick(Instant now) {
        List<ScheduledSwitch> due = new ArrayList<>();
        for (ScheduleRepository.Stored stored : repository.findAll()) {
            Schedule s = stored.schedule();
            if (!s.enabled()) {
                continue;
            }
            try {
                Instant lastDue = stored.lastDue();
                String outcome = stored.lastOutcome();
                Instant latest = latestDue(s, lastDue != null ? lastDue : stored.createdAt(), now);
                if (latest != null) {
                    boolean late = Duration.between(latest, now).compareTo(GRACE) > 0;
                    outcome = late && s.missed() == Schedule.Missed.SKIP ? "skipped: missed while the platform was down"
                            : run(s, late);
                    repository.recordRun(s.name(), latest, now, outcome);
                    lastDue = latest;
                }
                if (s.does() == Schedule.Does.SWITCH && lastDue != null && outcome != null && outcome.startsWith("ran")
                        && now.isBefore(s.wishedUntil(lastDue))) {
                    due.add(s.switchFrom(lastDue));
                }
            } catch (RuntimeException e) {
                log.error("Schedule " + s.name() + " could not run", e);
            }
        }
        engine.useScheduledSwitches(due);
    }

    /** The latest run due after {@code since} and at or before {@code now}; null when none came due. */
    private Instant latestDue(Schedule s, Instant since, Instant now) {
        Instant latest = null;
        Instant next = s.nextAfter(since, zone);
        for (int i = 0; next != null && !next.isAfter(now) && i < 100_000; i++) {
            latest = next;
            next = s.nextAfter(next, zone);
        }
        return latest;
    }

    private String run(Schedule s, boolean late) {
        if (s.does() == Schedule.Does.SET_MODE) {
            if (engine.emergencyStopActive()) {
                // STOP halts automation, its mode switches too (as for an if/then rule's).
                log.warn("Schedule " + s.name() + " did not switch the site mode: the emergency stop is on");
                return "skipped: the emergency stop is on";
            }
            siteModes.switchTo(s.mode(), s.ruleName(), "scheduled" + (late ? ", run late after a restart" : ""));
        }
        log.info("Schedule " + s.name() + " ran" + (late ? " late" : "") + ": " + s.inWords());
        return late ? "ran late" : "ran";
    }

    private void check(Schedule s) {
        var problems = new InvalidParams();
        if (s.name() == null || !NAME.matcher(s.name()).matches()) {
            problems.add("name", "must be 1 to 60 letters, digits, spaces, '.', '_' or '-', starting with a letter or digit");
        }
        if (s.repeat() == null) {
            problems.add("repeat", "is required: ONCE, DAILY, WEEKLY or CRON");
        } else {
            switch (s.repeat()) {
                case ONCE -> {
                    if (s.at() == null) {
                        problems.add("at", "is required for a one-time schedule (local date and time)");
                    } else if (!s.at().atZone(zone).toInstant().isAfter(clock.instant())) {
                        problems.add("at", s.at() + " is in the past");
                    }
                }
                case DAILY, WEEKLY -> {
                    if (s.time() == null) problems.add("time", "is required (local time, e.g. 06:00)");
                    if (s.repeat() == Schedule.Repeat.WEEKLY && (s.weekdays().isEmpty()
                            || s.weekdays().stream().anyMatch(d -> d == null || d < 1 || d > 7))) {
                        problems.add("weekdays", "name the days, 1 (Monday) to 7 (Sunday)");
                    }
                }
                case CRON -> {
                    if (s.cron() == null || !CronExpression.isValidExpression(s.cron())) {
                        problems.add("cron", "is not a cron expression of six fields (second minute hour day month"
                                + " weekday), e.g. '0 0 6 * * MON-FRI'");
                    } else if (CronExpression.parse(s.cron()).next(clock.instant().atZone(zone)) == null) {
                        problems.add("cron", "'" + s.cron() + "' never fires");
                    }
                }
            }
        }
        if (s.does() == null) {
            problems.add("does", "is required: SWITCH or SET_MODE");
        } else if (s.does() == Schedule.Does.SWITCH) {
            if (s.on() == null) problems.add("on", "say on (true) or off (false)");
            if ((s.device() == null) == (s.deviceType() == null)) {
                problems.add("device", "name one device or one device type, not both or neither");
            } else if (s.device() != null && devices.findByName(s.device()).isEmpty()) {
                problems.add("device", "no device named '" + s.device() + "'");
            }
            if (s.forMinutes() != null && (s.forMinutes() < 1 || s.forMinutes() > 1440)) {
                problems.add("forMinutes", "must be 1 to 1440");
            }
        } else if (s.mode() == null || siteModes.all().stream().noneMatch(m -> m.name().equals(s.mode()))) {
            problems.add("mode", s.mode() == null ? "is required" : "no site mode named '" + s.mode() + "'");
        }
        problems.throwIfAny("invalid-schedule", "The schedule was not saved");
    }
}
