package io.commandcenter.learning;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

import io.commandcenter.approval.ApprovalSettled;
import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.CommandCarriedOut;
import io.commandcenter.engine.RulesEngine;
import io.commandcenter.engine.SiteSituation;
import io.commandcenter.engine.Source;
import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureFlags;
import io.commandcenter.learning.Observation.Kind;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.stereotype.Component;
import org.springframework.transaction.event.TransactionalEventListener;

/**
 * Watches what people do, after it happened (after the publishing transaction, on the caller's thread, never the
 * engine's): each answer to a waiting action, each manual command carried out, and each undoing — a person switching
 * back within 30 minutes what automation did, or automation what a person did — with the site's situation then.
 * Nothing is watched while the LEARNING flag is off.
 */
@Component
class Watcher {

    /** Switching back within this long counts as undoing. */
    static final Duration UNDO_WINDOW = Duration.ofMinutes(30);

    private static final Log log = LogFactory.getLog(Watcher.class);

    private record Done(boolean on, Instant at) {
    }

    private final ObservationRepository observations;
    private final RulesEngine engine;
    private final DeviceRegistry devices;
    private final FeatureFlags flags;
    // The latest command carried out per device, by automation and by a person (kept in memory: a restart forgets
    // the last 30 minutes, which only loses an undoing or two).
    private final Map<String, Done> byAutomation = new ConcurrentHashMap<>();
    private final Map<String, Done> byPerson = new ConcurrentHashMap<>();

    Watcher(ObservationRepository observations, RulesEngine engine, DeviceRegistry devices, FeatureFlags flags) {
        this.observations = observations;
        this.engine = engine;
        this.devices = devices;
        this.flags = flags;
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onApprovalSettled(ApprovalSettled settled) {
        if (!flags.isEnabled(Feature.LEARNING)) {
            return;
        }
        observe(Kind.valueOf(settled.answer()), settled.device(), settled.on(), settled.requestedBy(),
                settled.requestId());
    }

    @TransactionalEventListener(fallbackExecution = true)
    void onCommandCarriedOut(CommandCarriedOut done) {
        if (!flags.isEnabled(Feature.LEARNING)) {
            return;
        }
        Done now = new Done(done.on(), done.at());
        if (done.source() == Source.MANUAL) {
            Done automated = byAutomation.get(done.device());
            boolean undoes = automated != null && automated.on() != done.on() && within(automated, done.at());
            observe(undoes ? Kind.OVERRIDE : Kind.MANUAL, done.device(), done.on(), "a person", done.requestId());
            byPerson.put(done.device(), now);
        } else if (done.source() == Source.AUTOMATION) {
            Done person = byPerson.get(done.device());
            if (person != null && person.on() != done.on() && within(person, done.at())) {
                observe(Kind.AUTOMATION_UNDID, done.device(), done.on(), "automation", done.requestId());
            }
            byAutomation.put(done.device(), now);
        }
    }

    private static boolean within(Done before, Instant at) {
        return !at.isBefore(before.at()) && Duration.between(before.at(), at).compareTo(UNDO_WINDOW) <= 0;
    }

    private void observe(Kind kind, String device, boolean on, String requestedBy, UUID decision) {
        try {
            SiteSituation s = engine.situation();
            DeviceType type = devices.findByName(device).map(Device::type).orElse(DeviceType.OTHER);
            observations.add(new Observation(0, kind, device, type, on, requestedBy == null ? "" : requestedBy,
                    decision, s.soc(), s.pv(), s.load(), s.grid(), s.minuteOfDay(), s.weekday(), s.mode(),
                    s.forecastKwh(), s.at()));
        } catch (RuntimeException e) {
            log.warn("Learning could not note " + kind + " on " + device + ": " + e.getMessage());
        }
    }
}
