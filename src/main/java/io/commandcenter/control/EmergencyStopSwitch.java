package io.commandcenter.control;

import java.time.Clock;
import java.util.concurrent.atomic.AtomicReference;

import io.commandcenter.engine.RulesEngine;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The big red STOP. While engaged no automated or agent action runs and nothing automated switches a
 * load on: in-flight actions end at once where the relay is ({@link CommandService} hears of it first, by
 * {@link EmergencyStopChanged}). Manual control and the battery floor's protective offs keep working. The state is
 * stored, so it survives restarts until someone releases it explicitly.
 */
@Service
public class EmergencyStopSwitch {

    private static final Log log = LogFactory.getLog(EmergencyStopSwitch.class);

    private final EmergencyStopRepository repository;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final RulesEngine engine;
    private final AtomicReference<EmergencyStopState> state = new AtomicReference<>();

    EmergencyStopSwitch(EmergencyStopRepository repository, ApplicationEventPublisher events, Clock clock,
                  RulesEngine engine) {
        this.repository = repository;
        this.events = events;
        this.clock = clock;
        this.engine = engine;
        EmergencyStopState stored = repository.latest().orElse(EmergencyStopState.released());
        this.state.set(stored);
        // The engine starts without STOP; a stop engaged before a restart must hold again at once.
        if (stored.engaged()) {
            engine.setEmergencyStop(true, stored.who(), stored.why());
            log.warn("EMERGENCY STOP is still engaged (by " + stored.who() + ": " + stored.why() + ")");
        }
    }

    public EmergencyStopState state() {
        return state.get();
    }

    /** Who engaged and released the stop, when and why, newest first (the record is append-only). */
    public java.util.List<EmergencyStopState> history(int limit) {
        return repository.history(Math.max(1, Math.min(limit, 500)));
    }

    public boolean engaged() {
        return state.get().engaged();
    }

    @Transactional
    public synchronized EmergencyStopState engage(String who, String why) {
        if (why == null || why.isBlank()) {
            throw new IllegalArgumentException("Say why the emergency stop is engaged");
        }
        // refused before anything changes: the operator retries with a clean reason
        new io.commandcenter.validation.InvalidParams()
                .text("who", who, io.commandcenter.validation.Limits.NAME)
                .text("why", why, io.commandcenter.validation.Limits.REASON)
                .throwIfAny("invalid-stop", "The emergency stop was not engaged: the request is not valid");
        var now = clock.instant();
        repository.append(true, who, why, now);
        var engaged = new EmergencyStopState(true, who, why, now);
        state.set(engaged);
        engine.setEmergencyStop(true, who, why);
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
        engine.setEmergencyStop(false, who, why);
        log.warn("Emergency stop released by " + who);
        events.publishEvent(new EmergencyStopChanged(released));
        return released;
    }

    /** Published after STOP is engaged or released. */
    public record EmergencyStopChanged(EmergencyStopState state) {
    }
}
