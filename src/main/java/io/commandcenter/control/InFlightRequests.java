package io.commandcenter.control;

import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;
import org.springframework.stereotype.Component;

/**
 * The requests being carried out, per device. Two requests of the same rank asking opposite states of one
 * device at the same moment cannot both be meant: the later one is refused rather than run after the first
 * (which would silently undo it). "The same moment": the earlier one is still in flight and arrived at most
 * {@code sameMoment} before.
 */
@Component
class InFlightRequests {

    private final Duration sameMoment;
    private final Map<String, List<Arrival>> byDevice = new HashMap<>();

    InFlightRequests(ControlProperties settings) {
        this.sameMoment = settings.sameMoment();
    }

    record Arrival(ActionRequest request, long nanos) {
        long ageMillis(long now) {
            return Duration.ofNanos(now - nanos).toMillis();
        }
    }

    /** Registers the request as in flight, or answers the opposite one it collides with (then nothing is registered). */
    synchronized Optional<Arrival> admit(ActionRequest request) {
        long now = System.nanoTime();
        List<Arrival> running = byDevice.computeIfAbsent(request.device(), d -> new ArrayList<>());
        for (Arrival other : running) {
            boolean sameRank = other.request().source().rank() == request.source().rank();
            // A protective off is never refused: it is always "off" and outranks everything.
            if (sameRank && request.source() != Source.SAFETY && other.request().on() != request.on()
                    && now - other.nanos() <= sameMoment.toNanos()) {
                return Optional.of(other);
            }
        }
        running.add(new Arrival(request, now));
        return Optional.empty();
    }

    synchronized void done(ActionRequest request) {
        List<Arrival> running = byDevice.get(request.device());
        if (running != null) {
            running.removeIf(a -> a.request().id().equals(request.id()));
        }
    }
}
