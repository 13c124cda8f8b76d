package io.commandcenter.testmode;

import java.time.Duration;

/**
 * A finished run: the deterministic report plus the wall-clock figures, which stay out of
 * {@code report.json} so it is byte-identical between runs.
 */
public record RunResult(SimulationReport report, Duration simulated, Duration wallTime) {

    /** Simulated time per wall time. */
    public double speedUp() {
        return wallTime.isZero() ? Double.POSITIVE_INFINITY : (double) simulated.toNanos() / wallTime.toNanos();
    }

    public boolean safe() {
        return report.violations().isEmpty();
    }
}
