package io.commandcenter.control;

import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingsStored;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.TaskScheduler;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Second chances: the offline retry queue, and the manual "retry" button. Automated and protective actions whose
 * device was offline wait in the queue; they are tried again on a schedule and as soon as a reading shows the device
 * back. A retry is a new action (it passes the rules again, with the current readings) that names the action it
 * repeats. While STOP is engaged only protective offs leave the queue; everything else waits.
 */
@Service
public class ActionRetries {

    private static final Log log = LogFactory.getLog(ActionRetries.class);

    private final CommandService commands;
    private final ActionLogRepository actionLog;
    private final RetryQueueRepository queue;
    private final EmergencyStopSwitch emergencyStop;
    private final ControlProperties settings;
    private final Clock clock;
    // Off the poller's thread: a retry talks to the device and may take seconds.
    private final TaskScheduler returns;

    ActionRetries(CommandService commands, ActionLogRepository actionLog, RetryQueueRepository queue,
                  EmergencyStopSwitch emergencyStop, ControlProperties settings, Clock clock,
                  @Qualifier("retryQueue") TaskScheduler returns) {
        this.commands = commands;
        this.actionLog = actionLog;
        this.queue = queue;
        this.emergencyStop = emergencyStop;
        this.settings = settings;
        this.clock = clock;
        this.returns = returns;
    }

    /**
     * An action waiting in the queue for its device.
     *
     * @param on    the state it asks for
     * @param since when it was queued
     * @param tries how many retries found the device still offline
     */
    public record WaitingAction(UUID actionId, String device, boolean on, Source source, String requestedBy,
                                String reason, Instant since, int tries) {
    }

    /** What waits for its device, oldest first (for the hardware page). */
    public List<WaitingAction> waiting() {
        return queue.waiting();
    }

    /** Retries a finished action by hand, as the signed-in user. */
    public CommandOutcome retry(UUID actionId, String user) {
        ActionRecord original = actionLog.find(actionId)
                .orElseThrow(() -> new UnknownAction(actionId));
        if (original.result() == null) {
            throw new ActionInFlight(actionId);
        }
        queue.remove(actionId);
        return commands.execute(new ActionRequest(UUID.randomUUID(), original.device(), original.requestedOn(),
                Source.MANUAL, user, "retry of " + actionId, clock.instant()));
    }

    /** A reading shows a device online again: what waited for it runs now, not at the next scheduled round. */
    @EventListener
    void onReadings(ReadingsStored stored) {
        Set<String> back = stored.devices().stream().filter(DevicePowerReading::online)
                .map(DevicePowerReading::device).collect(Collectors.toSet());
        if (back.isEmpty()) {
            return;
        }
        // A moment later: the rules engine takes the same reading in its own listener, and the retry must be
        // judged with the device online, not before the engine has seen it come back.
        returns.schedule(() -> {
            try {
                retryWaitingFor(back);
            } catch (RuntimeException e) {
                log.warn("Retrying queued actions failed: " + e.getMessage(), e);
            }
        }, clock.instant().plusMillis(500));
    }

    /** Runs now what waits for these devices (STOP permitting). */
    void retryWaitingFor(Set<String> devices) {
        retry(queue.all().stream().filter(q -> devices.contains(q.device()))
                .map(RetryQueueRepository.Queued::actionId).collect(Collectors.toSet()));
    }

    @Scheduled(fixedDelayString = "${commandcenter.control.retry-offline-every:1m}")
    public void retryQueued() {
        Instant now = clock.instant();
        retry(queue.due(now).stream().map(RetryQueueRepository.Queued::actionId).collect(Collectors.toSet()));
    }

    /** One at a time, so the schedule and a returning device never run the same entry twice. */
    private synchronized void retry(Set<UUID> wanted) {
        Instant now = clock.instant();
        for (RetryQueueRepository.Queued queued : queue.all()) {
            if (!wanted.contains(queued.actionId())) {
                continue;
            }
            if (queued.queuedAt().plus(settings.retryOfflineFor()).isBefore(now)) {
                log.info("Giving up on queued action " + queued.actionId() + " for " + queued.device());
                queue.remove(queued.actionId());
                continue;
            }
            ActionRecord original = actionLog.find(queued.actionId()).orElse(null);
            if (original == null) {
                queue.remove(queued.actionId());
                continue;
            }
            // During STOP nothing queued runs but a protective off; the rest waits (and may expire as usual).
            if (emergencyStop.engaged() && original.source() != Source.SAFETY) {
                continue;
            }
            CommandOutcome outcome = commands.execute(new ActionRequest(UUID.randomUUID(), original.device(),
                    original.requestedOn(), original.source(), original.requestedBy(),
                    original.reason() + " (retry of " + queued.actionId() + ")", now));
            if (outcome.result() == CommandOutcome.Result.OFFLINE) {
                // Still offline: the original entry keeps its place and its give-up time; no second entry.
                queue.remove(outcome.actionId());
                queue.postpone(queued.actionId(), now.plus(settings.retryOfflineEvery()));
            } else {
                log.info("Queued action " + queued.actionId() + " for " + queued.device() + " ran again as "
                        + outcome.actionId() + ": " + outcome.result());
                queue.remove(queued.actionId());
            }
        }
    }
}
