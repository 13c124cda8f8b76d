package io.commandcenter.learning;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import java.util.function.Predicate;

import io.commandcenter.device.DeviceType;
import io.commandcenter.learning.Observation.Kind;

/**
 * Sixty days of an owner's answers with five planted habits, noise and contradicting decisions, for bench-learning
 * and the tests: each habit is known (its key and a check of the conditions found), so recall and precision can be
 * measured.
 */
final class SyntheticHistory {

    /** A planted habit: the key a correct suggestion has, and whether the suggestion found the right bands. */
    record Habit(String name, String key, Predicate<Learner.Candidate> right) {
    }

    final List<Observation> observations = new ArrayList<>();
    final List<Habit> habits = new ArrayList<>();
    final Instant end;
    private final Random random;
    private long nextId = 1;

    SyntheticHistory(long seed, Instant end) {
        this.random = new Random(seed);
        this.end = end;
        plant();
    }

    private void plant() {
        Instant start = end.minus(Duration.ofDays(60));
        // 1. A threshold: miner-2 paused below 48 %, approved every time; declined well above it.
        int n = 8 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            add(Kind.APPROVED, "miner-2", DeviceType.MINER, false, 40 + random.nextDouble() * 7.9, anyTime(start), null);
        }
        for (int i = 0; i < 2; i++) {
            add(Kind.REJECTED, "miner-2", DeviceType.MINER, false, 56 + random.nextDouble() * 20, anyTime(start), null);
        }
        if (random.nextInt(3) == 0) { // the owner said no once inside the band too
            add(Kind.REJECTED, "miner-2", DeviceType.MINER, false, 41 + random.nextDouble() * 6, anyTime(start), null);
        }
        habits.add(new Habit("threshold approvals", "rule:miner-2:false",
                c -> c.rule() != null && socBelow(c) != null && Math.abs(socBelow(c) - 48) <= 2));
        // 2. Time of day: the water heater on between 10:00 and 12:00, whatever the charge.
        n = 8 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            add(Kind.APPROVED, "water-heater", DeviceType.HEATER, true, 45 + random.nextDouble() * 50,
                    at(start, 10 * 60 + random.nextInt(120), false, false), null);
        }
        if (random.nextInt(3) == 0) { // once in the early afternoon
            add(Kind.APPROVED, "water-heater", DeviceType.HEATER, true, 45 + random.nextDouble() * 50,
                    at(start, 13 * 60 + random.nextInt(90), false, false), null);
        }
        habits.add(new Habit("time-of-day habit", "rule:water-heater:true", c -> time(c, 10 * 60, 12 * 60, 5 * 60)));
        // 3. Weekdays: the well pump off on working days, any time and charge.
        n = 8 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            add(Kind.APPROVED, "well-pump", DeviceType.PUMP, false, 20 + random.nextDouble() * 75,
                    at(start, random.nextInt(1440), true, false), null);
        }
        if (random.nextBoolean()) { // at a weekend the owner said no
            add(Kind.REJECTED, "well-pump", DeviceType.PUMP, false, 20 + random.nextDouble() * 75,
                    at(start, random.nextInt(1440), false, true), null);
        }
        habits.add(new Habit("weekday habit", "rule:well-pump:false", c -> has(c, "WEEKDAY")
                && c.rule().conditions().stream().filter(x -> x.trigger().name().equals("WEEKDAY"))
                .allMatch(x -> x.weekdays().equals(List.of(1, 2, 3, 4, 5)))));
        // 4. Overrides: miner-1 resumed by hand soon after automation paused it at 49-50 %.
        n = 5 + random.nextInt(3);
        for (int i = 0; i < n; i++) {
            add(Kind.OVERRIDE, "miner-1", DeviceType.MINER, true, 49 + random.nextDouble(), anyTime(start), null);
        }
        habits.add(new Habit("overrides", "threshold:pauseMinersBelow", c -> c.value() != null && c.value() < 49
                && c.value() >= 44));
        // 5. Mode: miner-3 paused in Storm prep, any time and charge.
        n = 8 + random.nextInt(5);
        for (int i = 0; i < n; i++) {
            add(Kind.APPROVED, "miner-3", DeviceType.MINER, false, 20 + random.nextDouble() * 75, anyTime(start),
                    "Storm prep");
        }
        if (random.nextBoolean()) { // outside Storm prep the owner said no
            add(Kind.REJECTED, "miner-3", DeviceType.MINER, false, 20 + random.nextDouble() * 75, anyTime(start), null);
        }
        habits.add(new Habit("mode-dependent habit", "rule:miner-3:false", c -> has(c, "MODE")
                && c.rule().conditions().stream().anyMatch(x -> "Storm prep".equals(x.mode()))));
        // Noise: a few scattered answers on other devices, too few to be a habit ...
        for (String device : List.of("boiler", "fan", "lights", "pool-pump")) {
            int k = 1 + random.nextInt(3);
            for (int i = 0; i < k; i++) {
                add(random.nextBoolean() ? Kind.APPROVED : Kind.REJECTED, device, DeviceType.OTHER, random.nextBoolean(),
                        20 + random.nextDouble() * 75, anyTime(start), null);
            }
        }
        // ... and contradicting decisions: the same action in the same situation approved one day, declined another.
        for (int i = 0; i < 6; i++) {
            double soc = 60 + random.nextDouble() * 10;
            int minute = 18 * 60 + random.nextInt(60);
            add(Kind.APPROVED, "ev-charger", DeviceType.OTHER, true, soc, at(start, minute, false, false), null);
            add(Kind.REJECTED, "ev-charger", DeviceType.OTHER, true, soc + random.nextDouble() - 0.5,
                    at(start, minute + random.nextInt(5), false, false), null);
        }
        // A device approved four times in scattered situations, and declined as often: no habit.
        for (int i = 0; i < 8; i++) {
            add(i % 2 == 0 ? Kind.APPROVED : Kind.REJECTED, "dehumidifier", DeviceType.OTHER, false,
                    20 + random.nextDouble() * 75, anyTime(start), null);
        }
        // Manual commands with no pattern.
        for (int i = 0; i < 10; i++) {
            add(Kind.MANUAL, "miner-" + (1 + random.nextInt(3)), DeviceType.MINER, random.nextBoolean(),
                    20 + random.nextDouble() * 75, anyTime(start), null);
        }
    }

    private static Double socBelow(Learner.Candidate c) {
        return c.rule().conditions().stream().filter(x -> x.trigger().name().equals("SOC")).map(x -> x.below())
                .findFirst().orElse(null);
    }

    /** A time window that covers {@code from}..{@code until} and spans at most {@code longest} minutes. */
    private static boolean time(Learner.Candidate c, int from, int until, int longest) {
        return c.rule() != null && c.rule().conditions().stream().filter(x -> x.trigger().name().equals("TIME"))
                .anyMatch(x -> {
                    int f = x.from().getHour() * 60 + x.from().getMinute();
                    int u = x.until().getHour() * 60 + x.until().getMinute();
                    return f <= from && u >= until && u - f <= longest;
                });
    }

    private static boolean has(Learner.Candidate c, String trigger) {
        return c.rule() != null && c.rule().conditions().stream().anyMatch(x -> x.trigger().name().equals(trigger));
    }

    private Instant anyTime(Instant start) {
        return at(start, random.nextInt(1440), false, false);
    }

    /** A moment in the 60 days at a local minute of the day (UTC), on a weekday or weekend when asked. */
    private Instant at(Instant start, int minute, boolean weekday, boolean weekend) {
        for (;;) {
            ZonedDateTime day = start.atZone(ZoneOffset.UTC).plusDays(random.nextInt(60)).toLocalDate()
                    .atStartOfDay(ZoneOffset.UTC).plusMinutes(minute);
            int dow = day.getDayOfWeek().getValue();
            if ((!weekday || dow <= 5) && (!weekend || dow >= 6) && day.toInstant().isBefore(end)) {
                return day.toInstant();
            }
        }
    }

    private void add(Kind kind, String device, DeviceType type, boolean on, double soc, Instant at, String mode) {
        ZonedDateTime local = at.atZone(ZoneOffset.UTC);
        observations.add(new Observation(nextId++, kind, device, type, on, "automation", UUID.randomUUID(),
                Math.round(soc * 10) / 10.0, 500.0, 1500.0, 0.0, local.getHour() * 60 + local.getMinute(),
                local.getDayOfWeek().getValue(), mode == null ? "Normal" : mode, null, at));
    }
}
