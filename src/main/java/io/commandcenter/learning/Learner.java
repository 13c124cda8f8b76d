package io.commandcenter.learning;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.IfThenRule;
import io.commandcenter.engine.IfThenRule.Condition;
import io.commandcenter.engine.IfThenRule.Trigger;
import io.commandcenter.engine.SiteMode;
import io.commandcenter.learning.Observation.Kind;

/**
 * Finds habits in a few dozen observations a month by rule induction over the situations: for each device and
 * action a person kept approving, the tightest bands that cover the approvals (a charge threshold chosen as the
 * split that best separates approvals from rejections, a time-of-day arc, weekdays or weekends, a site mode), scored
 * by the lower bound of the Wilson interval over recency-weighted evidence. Overrides (a person undoing automation
 * within 30 minutes) suggest a changed miner threshold; approvals that are never declined suggest asking less.
 * Pure and deterministic: the same observations give the same candidates (docs/learning.md).
 */
public final class Learner {

    /** Evidence this old counts half. */
    static final Duration HALF_LIFE = Duration.ofDays(30);
    /** Only this much history is looked at. */
    static final Duration HISTORY = Duration.ofDays(60);
    /** A habit needs at least this many approvals. */
    static final int MIN_APPROVALS = 4;
    /** A changed threshold needs at least this many overrides. */
    static final int MIN_OVERRIDES = 3;
    /** Candidates below this confidence are not offered. */
    static final double MIN_CONFIDENCE = 0.4;
    /** Approvals spread wider than this over the charge say the charge did not matter (unless declines say it did). */
    static final double MAX_SOC_SPREAD = 25;
    /** Percentage points a threshold keeps from the nearest rejection. */
    static final double MARGIN = 2;
    private static final double Z = 1.96;

    private Learner() {
    }

    /** A candidate before its dry run. */
    public record Candidate(Suggestion.Kind kind, String key, String title, IfThenRule rule, double confidence,
                            List<Long> evidence, int approvalsSaved, String setting, Double value) {
    }

    public static List<Candidate> candidates(List<Observation> observations, Instant now) {
        List<Observation> recent = observations.stream()
                .filter(o -> !o.at().isBefore(now.minus(HISTORY)) && !o.at().isAfter(now)).toList();
        List<Candidate> out = new ArrayList<>();
        Map<String, List<Observation>> byAction = new LinkedHashMap<>();
        for (Observation o : recent) {
            if (o.kind() == Kind.APPROVED || o.kind() == Kind.REJECTED) {
                byAction.computeIfAbsent(o.device() + (o.on() ? " on" : " off"), k -> new ArrayList<>()).add(o);
            }
        }
        byAction.values().forEach(group -> newRule(group, now).ifPresent(out::add));
        thresholds(recent, now, out);
        confirmation(recent, now).ifPresent(out::add);
        out.sort(Comparator.comparingDouble(Candidate::confidence).reversed().thenComparing(Candidate::key));
        return out;
    }

    // ---- a new rule from approvals ------------------------------------------------------------

    private static java.util.Optional<Candidate> newRule(List<Observation> group, Instant now) {
        List<Observation> approved = group.stream().filter(o -> o.kind() == Kind.APPROVED).toList();
        List<Observation> rejected = group.stream().filter(o -> o.kind() == Kind.REJECTED).toList();
        if (approved.size() < MIN_APPROVALS) {
            return java.util.Optional.empty();
        }
        Observation first = approved.get(0);
        boolean on = first.on();
        List<Condition> conditions = new ArrayList<>();
        socBand(approved, rejected, on, now).ifPresent(conditions::add);
        timeArc(approved).ifPresent(conditions::add);
        weekdays(approved).ifPresent(conditions::add);
        mode(approved).ifPresent(conditions::add);
        if (conditions.isEmpty()) {
            return java.util.Optional.empty(); // approved whatever the situation: that is a confirmation setting
        }
        Predicate<Observation> covered = o -> conditions.stream().allMatch(c -> holds(c, o));
        List<Observation> yes = approved.stream().filter(covered).toList();
        List<Observation> no = rejected.stream().filter(covered).toList();
        double confidence = wilson(weight(yes, now), weight(yes, now) + weight(no, now));
        if (confidence < MIN_CONFIDENCE) {
            return java.util.Optional.empty();
        }
        String name = ("learned " + first.device() + (on ? " on" : " off")).toLowerCase(Locale.ROOT);
        IfThenRule rule = new IfThenRule(name, true, conditions, 0, 10, List.of(new IfThenRule.Action(
                IfThenRule.Does.SWITCH, first.device(), null, on, null, null, false, true)));
        long days = Math.max(1, Duration.between(yes.stream().map(Observation::at).min(Comparator.naturalOrder())
                .orElse(now), now).toDays());
        String what = IfThenRule.conditionsInWords(conditions);
        String title = "You approved '" + (on ? "switch " + first.device() + " on" : "switch " + first.device() + " off")
                + " when " + what + "' " + yes.size() + " of " + (yes.size() + no.size()) + " times in " + days
                + " days — automate?";
        List<Long> evidence = new ArrayList<>();
        yes.forEach(o -> evidence.add(o.id()));
        no.forEach(o -> evidence.add(o.id()));
        return java.util.Optional.of(new Candidate(Suggestion.Kind.NEW_RULE, "rule:" + first.device() + ":" + on, title,
                rule, round(confidence), evidence, yes.size(), null, null));
    }

    /**
     * The charge threshold that best separates approvals from rejections: for an off the approvals came below it
     * ("pause when the battery is below 48 %"), for an on above it. Left out when the approvals span most of the
     * range (the charge did not matter).
     */
    private static java.util.Optional<Condition> socBand(List<Observation> approved, List<Observation> rejected,
                                                         boolean on, Instant now) {
        List<Double> socs = approved.stream().map(Observation::soc).filter(Objects::nonNull).sorted().toList();
        if (socs.size() < approved.size()) {
            return java.util.Optional.empty();
        }
        double low = socs.get(0), high = socs.get(socs.size() - 1);
        boolean declinedOutside = rejected.stream().anyMatch(o -> o.soc() != null && (on ? o.soc() < low : o.soc() > high));
        if (high - low > MAX_SOC_SPREAD && !declinedOutside) {
            return java.util.Optional.empty(); // approved at most charges: the charge did not matter
        }
        Double best = null;
        double bestScore = -1;
        for (double s : socs) {
            double threshold = on ? Math.floor(s) : Math.floor(s) + 1;
            Predicate<Observation> side = o -> o.soc() != null && (on ? o.soc() >= threshold : o.soc() < threshold);
            // A no within two points of the split counts against it: answers a hair apart are no clear threshold.
            Predicate<Observation> nearSide = o -> o.soc() != null
                    && (on ? o.soc() >= threshold - MARGIN : o.soc() < threshold + MARGIN);
            List<Observation> yes = approved.stream().filter(side).toList();
            List<Observation> no = rejected.stream().filter(nearSide).toList();
            double score = wilson(weight(yes, now), weight(yes, now) + weight(no, now)) * yes.size();
            if (score > bestScore + 1e-9) {
                bestScore = score;
                best = threshold;
            }
        }
        Double t = best;
        return java.util.Optional.of(on ? measure(Trigger.SOC, t, null) : measure(Trigger.SOC, null, t));
    }

    /** The approvals' times of day, when they fall within eight hours (a circular arc, across midnight too). */
    private static java.util.Optional<Condition> timeArc(List<Observation> approved) {
        List<Integer> minutes = approved.stream().map(Observation::minuteOfDay).sorted().toList();
        int gapStart = minutes.get(minutes.size() - 1);
        int largestGap = minutes.get(0) + 1440 - gapStart;
        int arcStart = minutes.get(0);
        for (int i = 1; i < minutes.size(); i++) {
            int gap = minutes.get(i) - minutes.get(i - 1);
            if (gap > largestGap) {
                largestGap = gap;
                arcStart = minutes.get(i);
                gapStart = minutes.get(i - 1);
            }
        }
        int arc = 1440 - largestGap;
        if (arc > 8 * 60) {
            return java.util.Optional.empty();
        }
        int from = (arcStart / 30) * 30;
        int until = ((gapStart / 30) + 1) * 30 % 1440;
        return java.util.Optional.of(new Condition(Trigger.TIME, null, null, null, LocalTime.of(from / 60, from % 60),
                LocalTime.of(until / 60, until % 60), null, null, null, null));
    }

    /** Only on working days, or only at weekends. */
    private static java.util.Optional<Condition> weekdays(List<Observation> approved) {
        Set<Integer> days = new TreeSet<>();
        approved.forEach(o -> days.add(o.weekday()));
        if (approved.size() < 6) {
            return java.util.Optional.empty(); // a few answers fall on working days by chance
        }
        if (days.stream().allMatch(d -> d <= 5) && days.size() >= 3) {
            return java.util.Optional.of(new Condition(Trigger.WEEKDAY, null, null, null, null, null,
                    List.of(1, 2, 3, 4, 5), null, null, null));
        }
        if (days.stream().allMatch(d -> d >= 6)) {
            return java.util.Optional.of(new Condition(Trigger.WEEKDAY, null, null, null, null, null, List.of(6, 7),
                    null, null, null));
        }
        return java.util.Optional.empty();
    }

    /** Always in the same site mode (other than Normal). */
    private static java.util.Optional<Condition> mode(List<Observation> approved) {
        Set<String> modes = new TreeSet<>();
        approved.forEach(o -> modes.add(String.valueOf(o.mode())));
        String only = modes.size() == 1 ? modes.iterator().next() : null;
        return only == null || only.equals("null") || only.equals(SiteMode.NORMAL) ? java.util.Optional.empty()
                : java.util.Optional.of(new Condition(Trigger.MODE, null, null, null, null, null, null, null, null, only));
    }

    // ---- a changed threshold from overrides -----------------------------------------------------

    /** Miners resumed by hand soon after automation paused them: the pause threshold is too high (and vice versa). */
    private static void thresholds(List<Observation> recent, Instant now, List<Candidate> out) {
        for (boolean resumed : List.of(true, false)) {
            List<Observation> overrides = recent.stream().filter(o -> o.kind() == Kind.OVERRIDE
                    && o.type() == DeviceType.MINER && o.on() == resumed && o.soc() != null).toList();
            if (overrides.size() < MIN_OVERRIDES) {
                continue;
            }
            double low = overrides.stream().mapToDouble(Observation::soc).min().orElseThrow();
            double high = overrides.stream().mapToDouble(Observation::soc).max().orElseThrow();
            double value = resumed ? Math.floor(low) - 2 : Math.ceil(high) + 2;
            String setting = resumed ? "pauseMinersBelow" : "resumeMinersAbove";
            Set<String> devices = new TreeSet<>();
            overrides.forEach(o -> devices.add(o.device()));
            double confidence = wilson(weight(overrides, now), weight(overrides, now)); // nothing contradicts them
            if (confidence < MIN_CONFIDENCE) {
                continue;
            }
            String title = "You " + (resumed ? "resumed " : "paused ") + String.join(", ", devices) + " by hand "
                    + overrides.size() + " times within 30 minutes of automation " + (resumed ? "pausing" : "resuming")
                    + " at " + percent(low) + "–" + percent(high) + " — " + (resumed ? "lower the pause threshold to "
                    : "raise the resume threshold to ") + percent(value) + "?";
            out.add(new Candidate(Suggestion.Kind.THRESHOLD, "threshold:" + setting, title, null, round(confidence),
                    overrides.stream().map(Observation::id).toList(), 0, setting, value));
        }
    }

    // ---- asking less ---------------------------------------------------------------------------

    /** Every answer in the last 30 days a yes, and enough of them: the owner may not need to be asked. */
    private static java.util.Optional<Candidate> confirmation(List<Observation> recent, Instant now) {
        List<Observation> answers = recent.stream().filter(o -> !o.at().isBefore(now.minus(Duration.ofDays(30)))
                && (o.kind() == Kind.APPROVED || o.kind() == Kind.REJECTED)).toList();
        List<Observation> yes = answers.stream().filter(o -> o.kind() == Kind.APPROVED).toList();
        if (yes.size() < 10 || yes.size() < answers.size()) {
            return java.util.Optional.empty();
        }
        boolean onlyMinerPauses = yes.stream().allMatch(o -> o.type() == DeviceType.MINER && !o.on());
        double confidence = wilson(weight(yes, now), weight(yes, now));
        String title = "You approved every automated action in the last 30 days (" + yes.size() + " of " + yes.size()
                + ") — " + (onlyMinerPauses ? "stop asking before miners are paused?" : "stop asking before automated actions?");
        return java.util.Optional.of(new Candidate(Suggestion.Kind.CONFIRMATION, "confirmation", title, null,
                round(confidence), yes.stream().map(Observation::id).toList(), yes.size(), "confirmation",
                null));
    }

    // ---- shared ---------------------------------------------------------------------------------

    static boolean holds(Condition c, Observation o) {
        return switch (c.trigger()) {
            case SOC -> o.soc() != null && (c.atLeast() == null || o.soc() >= c.atLeast())
                    && (c.below() == null || o.soc() < c.below());
            case TIME -> {
                int from = c.from().getHour() * 60 + c.from().getMinute();
                int until = c.until().getHour() * 60 + c.until().getMinute();
                int m = o.minuteOfDay();
                yield from < until ? m >= from && m < until : m >= from || m < until;
            }
            case WEEKDAY -> c.weekdays().contains(o.weekday());
            case MODE -> Objects.equals(c.mode(), o.mode());
            default -> false;
        };
    }

    /** Recency weight: evidence {@link #HALF_LIFE} old counts half. */
    static double weight(List<Observation> observations, Instant now) {
        double sum = 0;
        for (Observation o : observations) {
            double days = Math.max(0, Duration.between(o.at(), now).toMillis() / 86_400_000.0);
            sum += Math.pow(0.5, days / HALF_LIFE.toDays());
        }
        return sum;
    }

    /** The lower bound of the 95 % Wilson score interval for {@code successes} of {@code n}. */
    static double wilson(double successes, double n) {
        if (n <= 0) {
            return 0;
        }
        double p = successes / n;
        double z2 = Z * Z;
        return (p + z2 / (2 * n) - Z * Math.sqrt(p * (1 - p) / n + z2 / (4 * n * n))) / (1 + z2 / n);
    }

    private static Condition measure(Trigger t, Double atLeast, Double below) {
        return new Condition(t, atLeast, below, null, null, null, null, null, null, null);
    }

    private static double round(double v) {
        return Math.round(v * 1000) / 1000.0;
    }

    private static String percent(double v) {
        return (v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v)) + " %";
    }
}
