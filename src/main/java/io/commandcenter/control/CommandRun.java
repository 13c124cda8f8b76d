package io.commandcenter.control;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import io.commandcenter.control.CommandOutcome.Result;
import io.commandcenter.control.CommandStateMachine.State;
import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceSwitch;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;

/**
 * One command on its way through the {@link CommandStateMachine}: what was asked, what is known so far, and its
 * next step on the clock. Only one step of a run goes at a time ({@link CommandService} steps it while holding it),
 * so the fields need no further guard.
 */
final class CommandRun {

    final ActionRequest request;
    final Device device;
    /** The rules' verdict when they already gave one (automation), else null: they are asked. */
    final ActionGate.Ruling alreadyDecided;
    final long startedNanos;
    /** Completed when the run ends; the caller of {@link CommandService#execute} waits on it. */
    final CompletableFuture<CommandOutcome> outcome = new CompletableFuture<>();

    State state = State.REQUESTED;
    /** Registered with {@link InFlightRequests}, so it must be taken off when the run ends. */
    boolean admitted;
    /** In its device's queue (see {@link DeviceQueues}), so it must leave it when the run ends. */
    boolean queued;
    /** When waiting for another action on the device turns into BUSY. */
    Instant turnWaitEnds;
    List<String> rules = List.of();

    /** The relay before the first send; null when it could not be read. */
    Boolean previousOn;
    /** The relay as last read; null when unknown. */
    Boolean seen;
    int sent;
    int attempts;
    Duration backoff;
    /** A protective off stops retrying at this time. */
    Instant giveUpAt;
    DeviceSwitch reader;
    boolean sendUncertain;
    boolean settleChecked;
    /** Verification reads stop at this time; null until a round of reading starts. */
    Instant verifyUntil;
    boolean rollbackSent;

    Result result;
    Boolean finalOn;
    List<String> reasons = List.of();

    /** Counts the steps scheduled, so a step that was overtaken (woken earlier) does nothing when its time comes. */
    long step;
    ScheduledFuture<?> pending;
    /** Set when something the run waits for happened (its turn on the device, STOP): the next step runs now. */
    final AtomicBoolean woken = new AtomicBoolean();

    CommandRun(ActionRequest request, Device device, ActionGate.Ruling alreadyDecided, long startedNanos) {
        this.request = request;
        this.device = device;
        this.alreadyDecided = alreadyDecided;
        this.startedNanos = startedNanos;
    }

    /** A battery floor's off: sent even unread, tried harder, never undone. */
    boolean protective() {
        return request.source() == Source.SAFETY;
    }

    /** A person's own command and the battery floor's protective off act during STOP; nothing else does. */
    boolean stoppable() {
        return request.source() != Source.MANUAL && request.source() != Source.SAFETY;
    }

    boolean wants(Boolean state) {
        return Boolean.valueOf(request.on()).equals(state);
    }
}
