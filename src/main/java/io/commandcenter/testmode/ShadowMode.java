package io.commandcenter.testmode;

import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.engine.ActionProposed;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.EngineSession.ClockMode;
import io.commandcenter.engine.EngineSession;
import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingsStored;
import io.commandcenter.timeseries.SolarReading;
import jakarta.annotation.PreDestroy;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.core.task.TaskRejectedException;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * A candidate rule set beside the live one: it gets the same stored readings (the same
 * {@link ReadingsStored} events the engine gets) in its own session with the real-time clock, and
 * logs what it would have done. It never publishes or executes anything. One thread owns the
 * candidate's session ({@code shadowModeThread}); once it has stopped, readings and decisions are no longer
 * taken and calls are refused.
 */
@Component
public class ShadowMode {

    private static final Logger log = LoggerFactory.getLogger(ShadowMode.class);

    private final DeviceRegistry registry;
    private final int logSize;
    private final ZoneId zone;
    private final ThreadPoolTaskExecutor thread;

    // Touched only on the shadow thread, except the snapshots under the lock below.
    private EngineSession session;
    private final Deque<WouldHave> wouldHave = new ArrayDeque<>();
    private final Deque<Decision> liveDecisions = new ArrayDeque<>();
    private Status status = Status.OFF;

    ShadowMode(DeviceRegistry registry, TestModeProperties properties,
               @Qualifier("shadowModeThread") ThreadPoolTaskExecutor thread) {
        this.registry = registry;
        this.thread = thread;
        this.logSize = properties.shadowLogSize();
        this.zone = properties.zone();
    }

    /** What shadow mode runs, if anything. */
    public record Status(boolean active, String rules, Map<String, String> settings, Instant since) {
        static final Status OFF = new Status(false, null, null, null);
    }

    /**
     * A decision the candidate made on live readings; nothing was carried out.
     *
     * @param live what the live engine decided for the same device and state within a minute:
     *             ALLOWED, BLOCKED, NEEDS_APPROVAL or "no action"; null while the engine published nothing
     */
    public record WouldHave(String at, String device, boolean on, String outcome, String rule, List<String> reasons,
                            String live) {
    }

    /** Starts (or replaces) the candidate; readings from now on go to it. */
    public void start(RuleSet rules, SiteSettings settings) {
        call(() -> {
            if (session != null) {
                session.close();
            }
            session = EngineSession.start(rules, ClockMode.REALTIME, zone, null, settings, 0);
            wouldHave.clear();
            status = new Status(true, rules.contentHash(), SettingsOverrides.describe(settings), Instant.now());
            log.info("Shadow mode started with rule set {}", rules.contentHash());
            return null;
        });
    }

    public void stop() {
        call(() -> {
            if (session != null) {
                session.close();
                session = null;
                log.info("Shadow mode stopped");
            }
            status = Status.OFF;
            return null;
        });
    }

    public Status status() {
        return call(() -> status);
    }

    /** The latest "would have done" entries, oldest first, each compared with the live engine's decisions. */
    public List<WouldHave> wouldHave() {
        return call(() -> {
            List<WouldHave> list = new ArrayList<>();
            for (WouldHave w : wouldHave) {
                list.add(new WouldHave(w.at(), w.device(), w.on(), w.outcome(), w.rule(), w.reasons(), live(w)));
            }
            return list;
        });
    }

    @EventListener
    void onReadingsStored(ReadingsStored stored) {
        queue(() -> {
            if (session == null) {
                return;
            }
            try {
                ingest(stored);
            } catch (RuntimeException e) {
                log.warn("Shadow mode could not process readings", e);
            }
        });
    }

    /** The live engine's decisions, to compare with. */
    @EventListener
    void onActionProposed(ActionProposed proposed) {
        queue(() -> {
            liveDecisions.addLast(proposed.decision());
            while (liveDecisions.size() > logSize * 4) {
                liveDecisions.removeFirst();
            }
        });
    }

    private void ingest(ReadingsStored stored) {
        Map<String, Device> devices = new HashMap<>();
        registry.findAll().forEach(d -> devices.put(d.name(), d));
        for (BatteryReading r : stored.battery()) {
            ReadingFeed.battery(session, r);
        }
        for (SolarReading r : stored.solar()) {
            ReadingFeed.solar(session, r);
        }
        for (DevicePowerReading r : stored.devices()) {
            ReadingFeed.device(session, r, devices);
        }
        RuleNames names = new RuleNames(session.rules());
        for (Decision d : session.fire()) {
            WouldHave w = new WouldHave(Numbers.time(d.decidedAt()), d.device(), d.on(), d.outcome().name(),
                    names.proposer(d), List.copyOf(d.reasons()), null);
            wouldHave.addLast(w);
            while (wouldHave.size() > logSize) {
                wouldHave.removeFirst();
            }
            log.info("Shadow: would have {} {} {} ({}){}", d.allowed() ? "switched" : "been refused switching",
                    d.device(), d.on() ? "on" : "off", w.rule(), d.reasons().isEmpty() ? "" : ": " + d.reasons());
        }
    }

    private String live(WouldHave w) {
        if (liveDecisions.isEmpty()) {
            return null;
        }
        Instant at = Instant.parse(w.at());
        for (Decision d : liveDecisions) {
            if (d.device().equals(w.device()) && d.on() == w.on()
                    && Math.abs(d.decidedAt().toEpochMilli() - at.toEpochMilli()) <= 60_000) {
                return d.outcome().name();
            }
        }
        return "no action";
    }

    /** Readings and live decisions: dropped once shadow mode has stopped, never thrown back at their publisher. */
    private void queue(Runnable work) {
        try {
            thread.execute(work);
        } catch (TaskRejectedException e) {
            log.debug("Shadow mode stopped; dropped: {}", e.getMessage());
        }
    }

    private <T> T call(Callable<T> task) {
        try {
            return thread.submit(task).get();
        } catch (TaskRejectedException e) {
            throw new IllegalStateException("shadow mode has stopped", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException re ? re : new IllegalStateException(e.getCause());
        }
    }

    /**
     * Closes the candidate's session on its own thread, then stops the thread (Spring shuts it down again after). The
     * thread is resumed first if its lifecycle paused it (a test's cached context not in use).
     */
    @PreDestroy
    void shutdown() {
        thread.start();
        try {
            thread.submit(() -> {
                if (session != null) {
                    session.close();
                    session = null;
                }
            }).get(5, TimeUnit.SECONDS);
        } catch (TaskRejectedException | ExecutionException | TimeoutException e) {
            log.warn("Shadow mode's session did not close cleanly: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            thread.shutdown();
        }
    }
}
