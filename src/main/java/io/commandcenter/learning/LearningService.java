package io.commandcenter.learning;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import io.commandcenter.engine.IfThenPreview;
import io.commandcenter.engine.IfThenRule;
import io.commandcenter.engine.MinerThresholds;
import io.commandcenter.engine.OwnersRules;
import io.commandcenter.engine.facts.ConfirmationMode;
import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureFlags;
import io.commandcenter.learning.Suggestion.Kind;
import io.commandcenter.learning.Suggestion.Status;
import io.commandcenter.notify.Notice;
import io.commandcenter.notify.NotificationSettings;
import io.commandcenter.notify.NotificationSettingsService;
import io.commandcenter.notify.Notifications;
import io.commandcenter.validation.Rejected;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.http.HttpStatus;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Learns from the observations: every hour (and when asked) the {@link Learner} finds candidates; each new or
 * changed candidate rule is dry-run over the last 30 days of recorded readings and put to the scenario safety gate
 * before it is offered — one that would break a safety rule is withheld. The owner accepts (it becomes an if/then
 * rule, approved in advance) or dismisses (not offered again until its evidence has doubled). Learning never changes
 * anything on its own.
 */
@Service
public class LearningService {

    /** Candidate rules are proven over this much of the recorded readings. */
    static final Duration DRY_RUN = Duration.ofDays(30);

    private static final Log log = LogFactory.getLog(LearningService.class);

    private final ObservationRepository observations;
    private final SuggestionRepository suggestions;
    private final OwnersRules rules;
    private final FeatureFlags flags;
    private final Clock clock;
    private final ObjectProvider<MinerThresholds> thresholds;
    private final ObjectProvider<NotificationSettingsService> notificationSettings;
    private final ObjectProvider<Notifications> notifications;

    LearningService(ObservationRepository observations, SuggestionRepository suggestions, OwnersRules rules,
                    FeatureFlags flags, Clock clock, ObjectProvider<MinerThresholds> thresholds,
                    ObjectProvider<NotificationSettingsService> notificationSettings,
                    ObjectProvider<Notifications> notifications) {
        this.thresholds = thresholds;
        this.notificationSettings = notificationSettings;
        this.notifications = notifications;
        this.observations = observations;
        this.suggestions = suggestions;
        this.rules = rules;
        this.flags = flags;
        this.clock = clock;
    }

    @Scheduled(fixedDelayString = "${commandcenter.learning.every:1h}", initialDelayString = "${commandcenter.learning.first:5m}")
    void scheduled() {
        try {
            analyze();
        } catch (RuntimeException e) {
            log.warn("Learning could not analyse: " + e.getMessage());
        }
    }

    /** Finds and proves suggestions now; returns how many are offered. */
    public synchronized int analyze() {
        if (!flags.isEnabled(Feature.LEARNING)) {
            return 0;
        }
        Instant now = clock.instant();
        int offered = 0;
        for (Learner.Candidate c : Learner.candidates(observations.since(now.minus(Learner.HISTORY)), now)) {
            Suggestion before = suggestions.byKey(c.key()).orElse(null);
            if (before != null && (before.status() == Status.ACCEPTED
                    || (before.status() == Status.DISMISSED && c.evidence().size() < 2 * dismissedWith(c.key()))
                    || (before.status() != Status.DISMISSED && before.evidence().equals(c.evidence())
                        && Objects.equals(before.rule(), c.rule())))) {
                offered += before.status() == Status.OFFERED ? 1 : 0;
                continue; // accepted, dismissed until the evidence doubles, or unchanged since it was proven
            }
            Suggestion s = prove(c, now);
            suggestions.offer(s);
            offered += s.status() == Status.OFFERED ? 1 : 0;
            if (s.status() == Status.OFFERED) {
                tell(s);
            }
            log.info("Learning " + (s.status() == Status.OFFERED ? "offers" : "withholds") + ": " + s.title()
                    + (s.why() == null ? "" : " (" + s.why() + ")"));
        }
        return offered;
    }

    /** The owner hears of a new suggestion once, by their notification settings (never in quiet hours). */
    private void tell(Suggestion s) {
        Notifications n = notifications.getIfAvailable();
        if (n != null) {
            String text = s.title() + " See it on /automation, with its evidence and dry run.";
            n.send(new Notice("learning-suggestion", Notice.Kind.INFO, "CommandCenter suggests a rule", text, text));
        }
    }

    private int dismissedWith(String key) {
        return suggestions.dismissedWith(key).orElse(0);
    }

    /** The dry run and the safety gate for a rule; a settings change is offered as it is (nothing to replay). */
    private Suggestion prove(Learner.Candidate c, Instant now) {
        List<String> dryRun = new ArrayList<>();
        Status status = Status.OFFERED;
        String why = null;
        if (c.rule() != null) {
            IfThenPreview.Preview p = rules.preview(c.rule(), DRY_RUN);
            dryRun.add(p.readings() == 0 ? "No readings were recorded in the last 30 days to replay."
                    : "Over the last 30 days (" + p.readings() + " readings replayed) it would have decided "
                    + p.differences().size() + " time" + (p.differences().size() == 1 ? "" : "s")
                    + " otherwise than the rules you have, and saved " + c.approvalsSaved() + " approvals.");
            p.differences().stream().limit(5).forEach(dryRun::add);
            p.alsoDoes().stream().limit(3).forEach(dryRun::add);
            List<String> refusals = new ArrayList<>(p.violations());
            refusals.addAll(rules.gateRefusals(c.rule()));
            if (!refusals.isEmpty()) {
                status = Status.WITHHELD;
                why = "it would break a safety rule: " + String.join("; ", refusals);
            }
        } else {
            dryRun.add(c.kind() == Kind.THRESHOLD ? "A settings change (" + c.setting() + " to " + c.value()
                    + " %), not replayed: Accept changes it as the preferences page would; the battery floor is unchanged."
                    : "A settings change, not replayed: Accept stops asking as it says; the battery floor and STOP still"
                    + " apply to every action.");
        }
        return new Suggestion(0, c.kind(), c.key(), c.title(), c.rule(), c.confidence(), c.evidence(),
                c.approvalsSaved(), dryRun, status, why, now, null, null, c.value());
    }

    public List<Suggestion> all() {
        return suggestions.all();
    }

    /** The offered suggestions in words, each with its confidence, evidence and dry run (for the agents). */
    public String explain() {
        List<Suggestion> offered = suggestions.all().stream().filter(s -> s.status() == Status.OFFERED).toList();
        if (offered.isEmpty()) {
            return flags.isEnabled(Feature.LEARNING) ? "Learning has nothing to suggest right now."
                    : "Learning is switched off (feature flag LEARNING): nothing is watched or suggested.";
        }
        StringBuilder out = new StringBuilder();
        for (Suggestion s : offered) {
            out.append("- ").append(s.title()).append(" Confidence ").append(Math.round(s.confidence() * 100))
                    .append(" % (the lower bound of the Wilson interval over the answers, recent ones counting more).");
            if (s.rule() != null) {
                out.append(" As a rule: ").append(s.rule().inWords()).append('.');
            }
            List<Observation> evidence = observations.byIds(s.evidence());
            out.append(" Evidence: ").append(String.join("; ", evidence.stream().limit(6).map(o ->
                    o.at() + " " + o.kind().name().toLowerCase(java.util.Locale.ROOT) + " " + o.device()
                            + (o.on() ? " on" : " off") + (o.soc() == null ? "" : " at " + Math.round(o.soc()) + " %"))
                    .toList())).append(evidence.size() > 6 ? " and " + (evidence.size() - 6) + " more." : ".");
            out.append(" Dry run: ").append(String.join(" ", s.dryRun())).append('\n');
        }
        return out.toString().strip();
    }

    Suggestion find(long id) {
        return suggestions.find(id).orElseThrow(() -> new Unknown(id));
    }

    List<Observation> evidence(Suggestion s) {
        return observations.byIds(s.evidence());
    }

    /** The suggested rule becomes the owner's, on or off; refused as a builder rule would be. */
    Suggestion accept(long id, boolean enabled, String by) {
        Suggestion s = find(id);
        if (s.status() != Status.OFFERED) {
            throw new NotOffered(s);
        }
        if (s.kind() == Kind.THRESHOLD) {
            return acceptSetting(s, by);
        }
        if (s.kind() == Kind.CONFIRMATION) {
            return acceptConfirmation(s, by);
        }
        IfThenRule r = s.rule();
        rules.save(new IfThenRule(r.name(), enabled, r.conditions(), r.sustainedMinutes(), r.cooldownMinutes(),
                r.actions()), by);
        suggestions.decide(id, Status.ACCEPTED, by, clock.instant());
        log.info("Learning: " + by + " accepted \"" + s.title() + "\" as the rule " + r.name()
                + (enabled ? "" : " (switched off)"));
        return find(id);
    }

    /** A changed miner threshold, as the preferences page would make it. */
    private Suggestion acceptSetting(Suggestion s, String by) {
        MinerThresholds t = thresholds.getIfAvailable();
        Double value = s.value();
        if (t == null || value == null) {
            throw new NotOffered(s, "the preferences cannot be changed here");
        }
        boolean pause = s.key().endsWith("pauseMinersBelow");
        t.change(pause ? value : null, pause ? null : value, by);
        suggestions.decide(s.id(), Status.ACCEPTED, by, clock.instant());
        log.info("Learning: " + by + " accepted \"" + s.title() + "\"");
        return find(s.id());
    }

    /** Asking less: automated pauses of miners no longer wait (SOMETIMES), or nothing automated does (NEVER). */
    private Suggestion acceptConfirmation(Suggestion s, String by) {
        NotificationSettingsService settings = notificationSettings.getIfAvailable();
        if (settings == null) {
            throw new NotOffered(s, "the notification settings cannot be changed here");
        }
        NotificationSettings now = settings.current();
        ConfirmationMode mode = s.title().contains("miners are paused") ? ConfirmationMode.SOMETIMES : ConfirmationMode.NEVER;
        settings.save(new NotificationSettings(now.email(), now.phone(), now.criticalOnly(), now.quietStart(),
                now.quietEnd(), mode), by);
        suggestions.decide(s.id(), Status.ACCEPTED, by, clock.instant());
        log.info("Learning: " + by + " accepted \"" + s.title() + "\": confirmation now " + mode);
        return find(s.id());
    }

    Suggestion dismiss(long id, String by) {
        Suggestion s = find(id);
        if (!suggestions.decide(id, Status.DISMISSED, by, clock.instant())) {
            throw new NotOffered(s);
        }
        return find(id);
    }

    /** No suggestion has this id. */
    static final class Unknown extends Rejected {
        Unknown(long id) {
            super(HttpStatus.NOT_FOUND, "unknown-suggestion", "No suggestion " + id);
        }
    }

    /** Only an offered suggestion can be accepted or dismissed. */
    static final class NotOffered extends Rejected {
        NotOffered(Suggestion s) {
            this(s, "it is " + s.status().name().toLowerCase(java.util.Locale.ROOT));
        }

        NotOffered(Suggestion s, String why) {
            super(HttpStatus.CONFLICT, "suggestion-not-offered", "Suggestion " + s.id() + " cannot be taken: " + why);
        }
    }
}
