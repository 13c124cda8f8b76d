package io.commandcenter.engine;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * A request to switch one device on or off. It is also a fact: the rules judge it and
 * derive a {@link Decision}.
 *
 * @param id          unique id; the decision carries the same id
 * @param device      device registry name, e.g. "miner-1"
 * @param on          true to switch the load on, false to switch it off
 * @param source      who asks (manual, automation, agent); decides priority
 * @param requestedBy person, rule file or agent name
 * @param reason      free text shown in the decision
 * @param at          when it was asked
 */
public record ActionRequest(UUID id, String device, boolean on, Source source, String requestedBy,
                            String reason, Instant at) {

    public ActionRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(at, "at");
        if (source == Source.SAFETY && on) {
            throw new IllegalArgumentException("the battery floor only ever switches loads off");
        }
        requestedBy = requestedBy == null ? "" : requestedBy;
        reason = reason == null ? "" : reason;
    }

    public static ActionRequest of(String device, boolean on, Source source, String requestedBy, String reason,
                                   Instant at) {
        return new ActionRequest(UUID.randomUUID(), device, on, source, requestedBy, reason, at);
    }

    /** Used by rule consequences: automation proposes at the session's current time (epoch millis). */
    public static ActionRequest automation(String device, boolean on, String requestedBy, String reason,
                                           long nowMillis) {
        return of(device, on, Source.AUTOMATION, requestedBy, reason, Instant.ofEpochMilli(nowMillis));
    }

    /** Used by the battery floor's rules: a protective off that outranks every other source. */
    public static ActionRequest safety(String device, String requestedBy, String reason, long nowMillis) {
        return of(device, false, Source.SAFETY, requestedBy, reason, Instant.ofEpochMilli(nowMillis));
    }

    /** Whether this is the battery floor's protective off (it acts during an emergency stop, never waits). */
    public boolean protective() {
        return source == Source.SAFETY;
    }

    /** Epoch millis, for comparisons in rules. */
    public long atMillis() {
        return at.toEpochMilli();
    }
}
