package io.commandcenter.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.RejectedExecutionException;

import io.commandcenter.engine.EngineSession.Memory;
import io.commandcenter.engine.EngineSession.MemoryChange;
import jakarta.annotation.PreDestroy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.scheduling.concurrent.ThreadPoolTaskExecutor;
import org.springframework.stereotype.Component;

/**
 * Keeps the engine's memory in PostgreSQL across restarts. Changes are written on a thread of their
 * own, so the engine thread never waits for the database; changes that pile up meanwhile (or whose
 * write failed) are merged and written as one. Whatever is still pending is written on shutdown.
 * With {@code commandcenter.engine.remember=false} nothing is loaded or written.
 */
@Component
class SessionMemoryStore {

    private static final Log log = LogFactory.getLog(SessionMemoryStore.class);

    private final SessionMemoryRepository repository;
    private final boolean enabled;
    private final ThreadPoolTaskExecutor writer;
    // By site, merged in order; guarded by this.
    private final Map<String, MemoryChange> pending = new LinkedHashMap<>();

    SessionMemoryStore(SessionMemoryRepository repository, EngineProperties properties,
                       @Qualifier("engineMemoryThread") ThreadPoolTaskExecutor writer) {
        this.repository = repository;
        this.enabled = properties.remember();
        this.writer = writer;
    }

    /** What the site's engine remembered when it last ran; nothing when it cannot be read (the engine still starts). */
    Memory load(String site) {
        if (!enabled) {
            return Memory.NOTHING;
        }
        try {
            return repository.load(site);
        } catch (RuntimeException e) {
            log.error("Could not read what the engine remembered for " + site
                    + "; starting without holds, cooldowns or the low-battery alarm", e);
            return Memory.NOTHING;
        }
    }

    /** Queues a change for writing; returns at once. */
    void save(String site, MemoryChange change) {
        if (!enabled) {
            return;
        }
        synchronized (this) {
            pending.merge(site, change, MemoryChange::followedBy);
        }
        try {
            writer.execute(this::write);
        } catch (RejectedExecutionException e) {
            // shutting down: flush() writes what is pending
        }
    }

    private void write() {
        Map<String, MemoryChange> batch;
        synchronized (this) {
            if (pending.isEmpty()) {
                return;
            }
            batch = new LinkedHashMap<>(pending);
            pending.clear();
        }
        batch.forEach((site, change) -> {
            try {
                repository.save(site, change);
            } catch (RuntimeException e) {
                log.warn("Could not store the engine's memory for " + site + ", will try again with the next change: "
                        + e.getMessage());
                synchronized (this) {
                    pending.merge(site, change, (newer, failed) -> failed.followedBy(newer));
                }
            }
        });
    }

    /** On shutdown, after the engine thread stopped: nothing that changed before is lost. */
    @PreDestroy
    void flush() {
        writer.start(); // resumed if its lifecycle paused it (a test's cached context), or the queue would never run
        writer.shutdown(); // finishes the queue, waiting up to 10 s
        write();
    }
}
