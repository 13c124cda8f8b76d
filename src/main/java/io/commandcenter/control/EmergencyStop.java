package io.commandcenter.control;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The big red STOP. While engaged no automated or agent action runs (in-flight ones are not
 * retried); manual control keeps working. The state is stored, so it survives restarts until
 * someone releases it explicitly.
 */
@Service
public class EmergencyStop {

    private static final Log log = LogFactory.getLog(EmergencyStop.class);

    private final EmergencyStopRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final AtomicReference<EmergencyStopState> state = new AtomicReference<>();

    EmergencyStop(EmergencyStopRepository repository, ApplicationEventPublisher events, Clock clock) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
        this.state.set(repository.latest().orElse(EmergencyStopState.released()));
    }

    public EmergencyStopState state() {
        return state.get();
    }

    public boolean engaged() {
        return state.get().engaged();
    }

    @Transactional
    public synchronized EmergencyStopState engage(String who, String why) {
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("Say why the emergency stop is engaged");
        }
        var now = clock.instant();
        repository.append(true, who, why, now);
        var engaged = new EmergencyStopState(true, who, why, now);
        state.set(engaged);
        log.warn("EMERGENCY STOP engaged by " + who + ": " + why);
        events.publishEvent(new EmergencyStopChanged(engaged));
        return engaged;
    }

    @Transactional
    public synchronized EmergencyStopState release(String who, String why) {
        var now = clock.instant();
        repository.append(false, who, why == null || why.isBlank() ? "released" : why, now);
        var released = new EmergencyStopState(false, who, why, now);
        state.set(released);
        log.warn("Emergency stop released by " + who);
        events.publishEvent(new EmergencyStopChanged(released));
        return released;
    }

    /** Published after STOP is engaged or released. */
    public record EmergencyStopChanged(EmergencyStopState state) {
    }
}
