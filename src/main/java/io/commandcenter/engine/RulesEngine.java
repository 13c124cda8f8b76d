package io.commandcenter.engine;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.commandcenter.engine.facts.ConfirmationMode;
import io.commandcenter.engine.facts.DeviceLock;

/**
 * The rules engine's facade for other features (control pipeline, approval, agent, web).
 * Every call runs on the single engine thread that owns the sessions.
 */
public interface RulesEngine {

    /**
     * Judges a request now (manual, automation or agent) and returns the decision with the rules
     * that led to it; the decision is also stored. Does not carry anything out.
     */
    Decision evaluate(ActionRequest request);

    /**
     * Gives the rules the emergency stop as control's switch has it (the one source of truth, stored in
     * {@code control.emergency_stop}): while active every automated and agent action is blocked.
     */
    void setEmergencyStop(boolean active, String who, String why);

    /** The owner changed when automated actions wait for a person (decisions.drl reads it as a fact). */
    void useConfirmationMode(ConfirmationMode mode);

    /**
     * Locks a device against every switch (maintenance), or unlocks it; stored. Locking refuses an
     * unregistered device (404 problem) and a reason over {@link DeviceLock#MAX_REASON} characters (400).
     */
    void setDeviceLock(String device, boolean locked, String who, String why);

    /** The devices locked for maintenance, as stored. */
    List<DeviceLock> deviceLocks();

    /**
     * A request waits for a person's yes or no (held by the approval feature, or restored after a
     * restart): until {@link #approvalResolved} it blocks requests that contradict it.
     */
    void approvalPending(UUID requestId, String device, boolean on, Source source);

    /** A request that waited for approval was rejected or expired: it no longer blocks others. */
    void approvalResolved(UUID requestId);

    /**
     * A person approved a request that waited: it no longer blocks others, and when it is judged again
     * (with the same id) it does not wait a second time. Every other rule still applies to it.
     */
    void approvalGranted(UUID requestId, String by);

    /**
     * For automation that runs step by step (workflows): the switches its current steps wish (judged like a
     * schedule's, so every safety rule, hold, cooldown, STOP and approval applies) and the conditions it waits or
     * branches on, replacing the ones before; the rules fire, and what the site's session then sees is returned,
     * with the decisions on those switches since the last call. Fails while the rules are not built yet.
     */
    SiteView automate(List<io.commandcenter.engine.facts.ScheduledSwitch> switches, List<WatchedCondition> watched);

    /** The site as the rules see it now: charge, flows, local time, mode, forecast (unknown values are null). */
    SiteSituation situation();

    /** Stored decisions, newest first; each filter may be null. */
    List<Decision> decisions(Instant from, Instant to, String device);
}
