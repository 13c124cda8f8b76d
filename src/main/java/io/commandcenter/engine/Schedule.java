package io.commandcenter.engine;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Locale;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.facts.ScheduledSwitch;
import org.springframework.scheduling.support.CronExpression;

/**
 * An action at a time: once ("water heater on tomorrow at 10:00 for 2 hours") or again and again (daily, weekly, or a
 * cron expression), in the site's time zone. Times are local wall-clock times, so "daily at 06:00" stays at 06:00
 * across daylight-saving changes; a time the clocks skip runs at the first moment after the gap, a time they pass
 * twice runs once (the earlier). A switch goes through the rules like any automation (source AUTOMATION).
 *
 * @param at         ONCE: the local date and time
 * @param time       DAILY, WEEKLY: the local time
 * @param weekdays   WEEKLY: 1 = Monday .. 7 = Sunday
 * @param cron       CRON: six fields, second minute hour day-of-month month day-of-week ("0 0 6 * * MON-FRI")
 * @param forMinutes a switch held this long and then switched back; null for a plain switch
 * @param missed     what a run missed while the platform was down does: SKIP it, or RUN_ONCE when it is back
 */
public record Schedule(String name, boolean enabled, Repeat repeat, LocalDateTime at, LocalTime time,
                       List<Integer> weekdays, String cron, Does does, String device, DeviceType deviceType,
                       Boolean on, String mode, Integer forMinutes, Missed missed) {

    public enum Repeat { ONCE, DAILY, WEEKLY, CRON }

    public enum Does { SWITCH, SET_MODE }

    public enum Missed { SKIP, RUN_ONCE }

    public Schedule {
        weekdays = IfThenRule.copy(weekdays); // null days stay, for the check to name
        missed = missed == null ? Missed.SKIP : missed;
    }

    public String ruleName() {
        return "schedule / " + name;
    }

    /** The first run strictly after {@code after}, or null when there is none (a past ONCE, a cron that never fires). */
    public Instant nextAfter(Instant after, ZoneId zone) {
        ZonedDateTime from = after.atZone(zone);
        return switch (repeat) {
            case ONCE -> {
                Instant once = at.atZone(zone).toInstant();
                yield once.isAfter(after) ? once : null;
            }
            case DAILY -> firstDayAfter(from, zone, day -> true);
            case WEEKLY -> firstDayAfter(from, zone, day -> weekdays.contains(day.getDayOfWeek().getValue()));
            case CRON -> {
                ZonedDateTime next = CronExpression.parse(cron).next(from);
                yield next == null ? null : next.toInstant();
            }
        };
    }

    private Instant firstDayAfter(ZonedDateTime from, ZoneId zone, java.util.function.Predicate<LocalDate> day) {
        LocalDate date = from.toLocalDate();
        for (int i = 0; i <= 8; i++) {
            LocalDate d = date.plusDays(i);
            if (!day.test(d)) {
                continue;
            }
            // ZonedDateTime.of moves a skipped time past the gap and picks the earlier of a repeated one.
            Instant run = ZonedDateTime.of(d, time, zone).toInstant();
            if (run.isAfter(from.toInstant())) {
                return run;
            }
        }
        return null;
    }

    /** A switch without "for N minutes" is wished this long, so a device that is offline at the time gets it. */
    public static final Duration PLAIN_SWITCH_WINDOW = Duration.ofMinutes(10);

    /** The fact a switch that ran at {@code ranAt} puts in the sessions (live and in dry runs alike). */
    public ScheduledSwitch switchFrom(Instant ranAt) {
        Instant until = ranAt.plus(forMinutes != null ? Duration.ofMinutes(forMinutes) : PLAIN_SWITCH_WINDOW);
        return new ScheduledSwitch(ruleName(), device, deviceType, Boolean.TRUE.equals(on), ranAt.toEpochMilli(),
                until.toEpochMilli(), forMinutes != null);
    }

    /** Until when a switch that ran at {@code ranAt} is still in the sessions (its switch back included). */
    public Instant wishedUntil(Instant ranAt) {
        Instant until = ranAt.plus(forMinutes != null ? Duration.ofMinutes(forMinutes) : PLAIN_SWITCH_WINDOW);
        return forMinutes != null ? until.plusMillis(ScheduledSwitch.SWITCH_BACK_WINDOW_MILLIS) : until;
    }

    /** Dry runs (no downtime): the switch in the sessions at {@code now} when every run came on time, or null. */
    public ScheduledSwitch switchAt(Instant now, ZoneId zone) {
        if (!enabled || does != Does.SWITCH) {
            return null;
        }
        Duration longest = Duration.between(Instant.EPOCH, wishedUntil(Instant.EPOCH));
        Instant latest = null;
        for (Instant run : runsBetween(now.minus(longest), now, zone)) {
            latest = run;
        }
        return latest != null && now.isBefore(wishedUntil(latest)) ? switchFrom(latest) : null;
    }

    /** The runs after {@code after} up to and including {@code upTo} (at most 10,000). */
    public List<Instant> runsBetween(Instant after, Instant upTo, ZoneId zone) {
        List<Instant> runs = new java.util.ArrayList<>();
        for (Instant next = nextAfter(after, zone); next != null && !next.isAfter(upTo) && runs.size() < 10_000;
             next = nextAfter(next, zone)) {
            runs.add(next);
        }
        return runs;
    }

    /** The schedule in words: "every day at 06:00: switch miner-1 on for 120 minutes". */
    public String inWords() {
        String when = switch (repeat) {
            case ONCE -> "once on " + at.toLocalDate() + " at " + at.toLocalTime();
            case DAILY -> "every day at " + time;
            case WEEKLY -> "every " + String.join(", ", weekdays.stream()
                    .map(d -> d >= 1 && d <= 7 ? DayOfWeek.of(d).name().substring(0, 3).toLowerCase(Locale.ROOT) : "?")
                    .toList()) + " at " + time;
            case CRON -> "at cron '" + cron + "'";
        };
        String what = does == Does.SET_MODE ? "set the site mode to " + mode
                : "switch " + (device != null ? device : "every " + (deviceType == null ? "?" : deviceType.name()
                        .toLowerCase(Locale.ROOT))) + (Boolean.TRUE.equals(on) ? " on" : " off")
                + (forMinutes != null ? " for " + forMinutes + " minutes" : "");
        return when + ": " + what;
    }
}
