package io.commandcenter.control;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * One queue per device, so actions on a device run one after another and never interleave. Not the maintenance
 * lock a person puts on a device (that is the rules' business): this only makes commands take turns.
 */
class DeviceQueues {

    private static final long SLICE_NANOS = Duration.ofMillis(100).toNanos();

    private final Map<String, ReentrantLock> turns = new ConcurrentHashMap<>();
    private final Map<String, UUID> holders = new ConcurrentHashMap<>();

    /**
     * Returns a handle to release, or empty when another action kept the device for {@code wait} or
     * {@code giveUp} turned true meanwhile (checked every 100 ms: STOP must not wait out a busy device).
     */
    Optional<Held> acquire(String device, UUID action, Duration wait, BooleanSupplier giveUp) {
        ReentrantLock lock = turns.computeIfAbsent(device, d -> new ReentrantLock(true));
        long deadline = System.nanoTime() + wait.toNanos();
        try {
            while (!lock.tryLock(Math.max(0, Math.min(SLICE_NANOS, deadline - System.nanoTime())), TimeUnit.NANOSECONDS)) {
                if (giveUp.getAsBoolean() || System.nanoTime() >= deadline) {
                    return Optional.empty();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
        holders.put(device, action);
        return Optional.of(() -> {
            holders.remove(device, action);
            lock.unlock();
        });
    }

    Optional<UUID> holder(String device) {
        return Optional.ofNullable(holders.get(device));
    }

    interface Held extends AutoCloseable {
        @Override
        void close();
    }
}
