package io.commandcenter.testmode;

import java.time.Duration;
import java.util.List;
import java.util.function.DoubleConsumer;

/**
 * How to run a scenario beyond its own definition.
 *
 * @param duration       simulated span; null = the scenario's duration
 * @param emergencyStops windows (offsets from the scenario start) during which the emergency stop is active
 * @param maxChartPoints at most this many samples in {@code series} (evenly thinned)
 * @param progress       told the fraction done (0..1) about every percent; may be null
 */
public record SimulationOptions(Duration duration, List<EmergencyStopWindow> emergencyStops, int maxChartPoints,
                                DoubleConsumer progress) {

    public SimulationOptions {
        emergencyStops = emergencyStops == null ? List.of() : List.copyOf(emergencyStops);
        if (duration != null && (duration.isNegative() || duration.isZero())) {
            throw new IllegalArgumentException("duration must be positive (was " + duration + ")");
        }
        if (maxChartPoints < 2) {
            throw new IllegalArgumentException("maxChartPoints must be at least 2");
        }
    }

    public static SimulationOptions defaults() {
        return new SimulationOptions(null, List.of(), 1500, null);
    }

    public SimulationOptions withDuration(Duration d) {
        return new SimulationOptions(d, emergencyStops, maxChartPoints, progress);
    }

    public SimulationOptions withEmergencyStops(List<EmergencyStopWindow> stops) {
        return new SimulationOptions(duration, stops, maxChartPoints, progress);
    }

    public SimulationOptions withProgress(DoubleConsumer listener) {
        return new SimulationOptions(duration, emergencyStops, maxChartPoints, listener);
    }

    boolean emergencyStopAt(Duration sinceStart) {
        return emergencyStops.stream().anyMatch(w -> w.covers(sinceStart));
    }

    /** The emergency stop is held from {@code start} (offset from the scenario start) for {@code length}. */
    public record EmergencyStopWindow(Duration start, Duration length) {

        public EmergencyStopWindow {
            if (start == null || length == null || start.isNegative() || length.isNegative() || length.isZero()) {
                throw new IllegalArgumentException("an emergency stop window needs start >= 0 and a positive length");
            }
        }

        boolean covers(Duration sinceStart) {
            return sinceStart.compareTo(start) >= 0 && sinceStart.compareTo(start.plus(length)) < 0;
        }
    }
}
