package io.commandcenter.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

import io.commandcenter.features.FeatureToggled;
import io.commandcenter.ingest.internal.PollLog;
import io.commandcenter.ingest.internal.PollingFlags;
import io.commandcenter.ingest.internal.SourcePoller;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.event.TransactionalEventListener;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * How healthy polling of each cloud is, from the poll log: success rates, last success, last error, data gaps, and
 * the alert raised when a source has had no successful poll for {@code commandcenter.ingest.alert-after}. A source
 * switched off by its feature flag is shown as off and never alerts.
 */
@Service
public class PollingHealth {

    /** Alert kind: a source has had no successful poll for too long. */
    public static final String NO_SUCCESSFUL_POLL = "no-successful-poll";

    private static final Log log = LogFactory.getLog(PollingHealth.class);

    private final PollLog pollLog;
    private final AlertRepository alerts;
    private final List<SourcePoller> pollers;
    private final PollingFlags flags;
    private final IngestProperties properties;
    private final Clock clock;
    private final ApplicationEventPublisher events;
    private final TransactionTemplate transactions;
    // Before a source's first successful poll, silence is counted from when the platform started.
    private final Instant startedAt;
    // ... and after its flag switched it on again, from then: the time it was off is no silence.
    private final Map<PollSource, Instant> switchedOnAt = new ConcurrentHashMap<>();

    PollingHealth(PollLog pollLog, AlertRepository alerts, List<SourcePoller> pollers, PollingFlags flags,
                  IngestProperties properties, Clock clock, ApplicationEventPublisher events,
                  PlatformTransactionManager transactionManager) {
        this.pollLog = pollLog;
        this.flags = flags;
        this.events = events;
        this.transactions = new TransactionTemplate(transactionManager);
        this.alerts = alerts;
        this.pollers = pollers.stream().sorted(Comparator.comparing(SourcePoller::source)).toList();
        this.properties = properties;
        this.clock = clock;
        this.startedAt = clock.instant();
    }

    /** Every source, enabled or not. */
    public List<SourceHealth> sources() {
        return pollers.stream().map(this::health).toList();
    }

    public Optional<SourceHealth> source(PollSource source) {
        return poller(source).map(this::health);
    }

    /** Asks the source's cloud what the configured account sees, for the setup page; nothing is stored. */
    public ConnectionCheck checkConnection(PollSource source) {
        return poller(source).map(SourcePoller::checkConnection)
                .orElseGet(() -> ConnectionCheck.failed(source, "no poller for " + source.key()));
    }

    /** Below this share of successful polls in the last hour a source is {@link SourceHealth.State#DEGRADED}. */
    public double degradedBelow() {
        return properties.degradedBelow();
    }

    public Optional<Instant> lastSuccess(PollSource source) {
        return pollLog.lastSuccess(source);
    }

    /** Open alerts of every source (none of one switched off by its flag). */
    public List<PollAlert> openAlerts() {
        return pollers.stream().filter(p -> !flags.switchedOff(p.source()))
                .flatMap(p -> alerts.open(p.source()).stream()).toList();
    }

    /** Recent alerts, open or cleared, newest first. */
    public List<PollAlert> recentAlerts(int limit) {
        return alerts.recent(limit);
    }

    /**
     * Spans in {@code [from, to]} without a successful poll for longer than twice the source's interval. Polling
     * that had not begun yet is no gap; a span still running at {@code to} is {@code ongoing}.
     */
    public List<DataGap> gaps(PollSource source, Instant from, Instant to) {
        Optional<SourcePoller> poller = poller(source);
        Optional<Instant> firstPoll = pollLog.firstPoll(source);
        if (poller.isEmpty() || firstPoll.isEmpty() || firstPoll.get().isAfter(to)) {
            return List.of();
        }
        Duration longest = poller.get().interval().multipliedBy(2);
        List<DataGap> gaps = new ArrayList<>();
        Optional<Instant> before = pollLog.lastSuccessAtOrBefore(source, from);
        if (before.isEmpty()) {
            Instant start = firstPoll.get().isAfter(from) ? firstPoll.get() : from;
            Optional<Instant> first = pollLog.firstSuccessAtOrAfter(source, start).filter(t -> !t.isAfter(to));
            Instant end = first.orElse(to);
            if (Duration.between(start, end).compareTo(longest) > 0) {
                gaps.add(new DataGap(source, start, end, first.isEmpty()));
            }
        }
        for (Instant[] span : pollLog.spacingsLongerThan(source, from, to, longest)) {
            gaps.add(new DataGap(source, span[0], span[1], false));
        }
        pollLog.lastSuccessAtOrBefore(source, to)
                .filter(last -> Duration.between(last, to).compareTo(longest) > 0)
                .ifPresent(last -> gaps.add(new DataGap(source, last, to, true)));
        return gaps;
    }

    /**
     * Raises the no-successful-poll alert for each enabled source that has been silent for {@code alertAfter} (or
     * two of its poll intervals, when that is longer)
     * (logged at WARN), tells it as {@link SourceWentQuiet} on every check while it lasts, and clears the alert once
     * the source has recovered. Runs on the ingest schedule.
     */
    public void checkAlerts() {
        Instant now = clock.instant();
        for (SourcePoller poller : pollers) {
            PollSource source = poller.source();
            if (flags.switchedOff(source)) {
                clearBecauseOff(source, now);
                continue;
            }
            if (!poller.enabled() || poller.nothingToPoll() != null) {
                continue;
            }
            Optional<Instant> lastSuccess = pollLog.lastSuccess(source);
            Instant reference = lastSuccess.orElse(startedAt);
            Instant on = switchedOnAt.get(source);
            if (on != null && on.isAfter(reference)) {
                reference = on;
            }
            Duration silent = Duration.between(reference, now);
            // A source polled less often than alertAfter (the hourly forecast) is quiet after two missed polls.
            Duration limit = poller.interval().multipliedBy(2).compareTo(properties.alertAfter()) > 0
                    ? poller.interval().multipliedBy(2) : properties.alertAfter();
            if (silent.compareTo(limit) >= 0) {
                String message = "No successful " + source.key() + " poll for " + minutes(silent) + " min"
                        + lastSuccess.map(t -> " (last success " + t + ")").orElse(" (none since start)")
                        + pollLog.lastError(source).map(e -> "; last error: " + e.error()).orElse("");
                // The alert and the event (kept by the event publication registry for the notifier) commit together.
                transactions.executeWithoutResult(status -> {
                    if (alerts.raise(source, NO_SUCCESSFUL_POLL, message, now)) {
                        log.warn(message);
                    }
                    events.publishEvent(new SourceWentQuiet(source, lastSuccess.orElse(null), message, now));
                });
            } else if (alerts.clear(source, NO_SUCCESSFUL_POLL, now)) {
                log.info(source.key() + " polling recovered at " + lastSuccess.orElse(now) + "; alert cleared");
            }
        }
    }

    /**
     * A polling flag changed: switched off, the source's open alert is cleared at once (it is not failing, it is
     * off); switched on, its silence counts from now.
     */
    @TransactionalEventListener(fallbackExecution = true)
    void onFeatureToggled(FeatureToggled toggled) {
        PollingFlags.sourceOf(toggled.feature()).ifPresent(source -> {
            if (!toggled.enabled()) {
                switchedOnAt.remove(source);
                clearBecauseOff(source, toggled.at());
            } else if (!toggled.wasEnabled()) {
                switchedOnAt.put(source, toggled.at());
            }
        });
    }

    private void clearBecauseOff(PollSource source, Instant at) {
        if (alerts.clear(source, NO_SUCCESSFUL_POLL, at)) {
            log.info(source.key() + " polling " + flags.whyOff(source) + "; its alert is cleared");
        }
    }

    private SourceHealth health(SourcePoller poller) {
        PollSource source = poller.source();
        Instant now = clock.instant();
        var hour = pollLog.counts(source, now.minus(Duration.ofHours(1)));
        var day = pollLog.counts(source, now.minus(Duration.ofHours(24)));
        var lastError = pollLog.lastError(source)
                .map(e -> new SourceHealth.PollError(e.startedAt(), e.error())).orElse(null);
        String off = flags.whyOff(source);
        boolean polled = poller.enabled() && off == null;
        List<DataGap> gaps = polled ? gaps(source, now.minus(properties.gapWindow()), now) : List.of();
        List<PollAlert> open = off == null ? alerts.open(source) : List.of();
        Double hourRate = rate(hour);
        String missing = polled ? poller.nothingToPoll() : null;
        SourceHealth.State state = off != null ? SourceHealth.State.OFF
                : !poller.enabled() || missing != null ? SourceHealth.State.NOT_CONFIGURED
                : !open.isEmpty() ? SourceHealth.State.ALERT
                : hourRate != null && hourRate < properties.degradedBelow() ? SourceHealth.State.DEGRADED
                : SourceHealth.State.POLLING;
        String origin = off != null ? poller.origin() + ": " + off
                : missing != null ? poller.origin() + ": " + missing : poller.origin();
        return new SourceHealth(source, state, polled, origin, poller.interval(),
                pollLog.lastSuccess(source).orElse(null), lastError, hourRate, hour.polls(), rate(day), day.polls(),
                open, gaps);
    }

    private Optional<SourcePoller> poller(PollSource source) {
        return pollers.stream().filter(p -> p.source() == source).findFirst();
    }

    private static Double rate(PollLog.Counts counts) {
        return counts.polls() == 0 ? null : (double) counts.successes() / counts.polls();
    }

    private static long minutes(Duration duration) {
        return duration.toMinutes();
    }
}
