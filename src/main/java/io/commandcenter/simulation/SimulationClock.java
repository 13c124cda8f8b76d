package io.commandcenter.simulation;

import java.time.Duration;
import java.time.Instant;
import java.util.function.LongSupplier;

/**
 * Simulated time. Running: wall time × speed from a start (speed 60 = one simulated minute per wall second).
 * Manual: stands still until {@link #advance(Duration)}, for tests and dry runs. Thread-safe.
 */
public final class SimulationClock {

    private final double speed;
    private final LongSupplier wallNanos;
    private Instant start;
    private long startNanos;
    private Duration advanced = Duration.ZERO;

    private SimulationClock(Instant start, double speed, LongSupplier wallNanos) {
        if (!(speed >= 0)) {
            throw new IllegalArgumentException("speed must be 0 or more (was " + speed + ")");
        }
        this.speed = speed;
        this.wallNanos = wallNanos;
        this.start = start;
        this.startNanos = wallNanos.getAsLong();
    }

    /** Follows wall time × {@code speed} from now on. */
    public static SimulationClock running(Instant start, double speed) {
        return new SimulationClock(start, speed, System::nanoTime);
    }

    /** Moves only through {@link #advance(Duration)}. */
    public static SimulationClock manual(Instant start) {
        return new SimulationClock(start, 0, () -> 0L);
    }

    public synchronized Instant now() {
        long elapsedNanos = (long) ((wallNanos.getAsLong() - startNanos) * speed);
        return start.plus(advanced).plusNanos(elapsedNanos);
    }

    /** Jumps ahead; works in both modes. */
    public synchronized void advance(Duration duration) {
        if (duration.isNegative()) {
            throw new IllegalArgumentException("the clock does not go back (" + duration + ")");
        }
        advanced = advanced.plus(duration);
    }

    public synchronized void reset(Instant newStart) {
        start = newStart;
        startNanos = wallNanos.getAsLong();
        advanced = Duration.ZERO;
    }

    public double speed() {
        return speed;
    }

    public boolean isManual() {
        return speed == 0;
    }
}
