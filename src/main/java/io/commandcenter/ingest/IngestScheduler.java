package io.commandcenter.ingest;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.commandcenter.ingest.internal.PollRunner;
import io.commandcenter.ingest.internal.PollingFlags;
import io.commandcenter.ingest.internal.SourcePoller;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import jakarta.annotation.PreDestroy;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;
import org.springframework.stereotype.Component;

/**
 * Runs each enabled poller at its interval and the alert check, on a scheduler of its own with a thread per source,
 * so a slow cloud (retries, Retry-After waits) never delays another and other features' schedules are untouched.
 * Starts once the application is ready, after start-up work such as creating reading partitions (polling alongside
 * it deadlocked on a fresh database).
 */
@Component
class IngestScheduler {

    private static final Log log = LogFactory.getLog(IngestScheduler.class);

    /** How often a source without an account, or switched off by its flag, looks again whether it may poll. */
    private static final Duration UNCONNECTED_CHECK = Duration.ofSeconds(5);

    private final List<SourcePoller> pollers;
    private final PollRunner runner;
    private final PollingHealth health;
    private final PollingFlags flags;
    private final IngestProperties properties;
    private ThreadPoolTaskScheduler scheduler;

    IngestScheduler(List<SourcePoller> pollers, PollRunner runner, PollingHealth health, PollingFlags flags,
                    IngestProperties properties) {
        this.pollers = pollers;
        this.runner = runner;
        this.health = health;
        this.flags = flags;
        this.properties = properties;
    }

    @EventListener(ApplicationReadyEvent.class)
    public synchronized void start() {
        if (!properties.schedule() || scheduler != null) {
            return;
        }
        scheduler = new ThreadPoolTaskScheduler();
        scheduler.setPoolSize(pollers.size() + 1);
        scheduler.setThreadNamePrefix("ingest-");
        scheduler.setWaitForTasksToCompleteOnShutdown(false);
        scheduler.initialize();
        for (SourcePoller poller : pollers) {
            // Every source is scheduled, connected or not: an account saved on the setup page starts polling within
            // seconds, and the interval is read again after each round (it changes with the account).
            scheduler.schedule(new FirstThenEvery(poller), context -> {
                Instant last = context.lastCompletion();
                return last == null ? Instant.now() : last.plus(polls(poller) ? poller.interval() : UNCONNECTED_CHECK);
            });
            if (!poller.enabled()) {
                log.info("Not polling " + poller.source().key() + " yet: " + poller.origin());
            } else if (flags.switchedOff(poller.source())) {
                log.info("Not polling " + poller.source().key() + ": " + flags.whyOff(poller.source()));
            }
        }
        scheduler.scheduleWithFixedDelay(this::checkAlerts, Instant.now().plus(properties.healthCheckEvery()),
                properties.healthCheckEvery());
    }

    private final class FirstThenEvery implements Runnable {
        private final SourcePoller poller;
        private boolean first = true;

        FirstThenEvery(SourcePoller poller) {
            this.poller = poller;
        }

        @Override
        public void run() {
            // switched off by its flag: not even the first-run discovery runs until it is switched on again
            if (!polls(poller)) {
                return;
            }
            if (first) {
                first = false;
                log.info("Polling " + poller.source().key() + " every " + poller.interval() + " from " + poller.origin());
                try {
                    poller.beforeFirstPoll();
                } catch (RuntimeException e) {
                    log.warn(poller.source().key() + " first-run step failed: " + e.getMessage());
                }
            }
            runner.run(poller);
        }
    }

    private boolean polls(SourcePoller poller) {
        return poller.enabled() && !flags.switchedOff(poller.source());
    }

    private void checkAlerts() {
        try {
            health.checkAlerts();
        } catch (RuntimeException e) {
            log.warn("poll health check failed: " + e.getMessage());
        }
    }

    @PreDestroy
    public synchronized void stop() {
        if (scheduler != null) {
            scheduler.shutdown();
            scheduler = null;
        }
    }

    public synchronized boolean isRunning() {
        return scheduler != null;
    }
}
