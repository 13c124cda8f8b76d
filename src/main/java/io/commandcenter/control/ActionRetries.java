package io.commandcenter.control;

import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;
import java.time.Clock;
import java.time.Instant;
import java.util.UUID;

import io.commandcenter.web.ProblemException;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;

/**
 * Second chances: the offline retry queue, worked through on a schedule, and the manual
 * "retry" button. A retry is a new action (it passes the rules again, with the current
 * readings) that names the action it repeats.
 */
@Service
public class ActionRetries {

    private static final Log log = LogFactory.getLog(ActionRetries.class);

    private final CommandService commands;
    private final ActionLogRepository actionLog;
    private final RetryQueueRepository queue;
    private final EmergencyStop emergencyStop;
    private final ControlProperties settings;
    private final Clock clock;

    ActionRetries(CommandService commands, ActionLogRepository actionLog, RetryQueueRepository queue,
                  EmergencyStop emergencyStop, ControlProperties settings, Clock clock) {
        this.commands = commands;
        this.actionLog = actionLog;
        this.queue = queue;
        this.emergencyStop = emergencyStop;
        this.settings = settings;
        this.clock = clock;
    }

    /** Retries a finished action by hand, as the signed-in user. */
    public CommandOutcome retry(UUID actionId, String user) {
        ActionRecord original = actionLog.find(actionId)
                .orElseThrow(() -> ProblemException.notFound("unknown-action", "No action " + actionId));
        if (original.result() == null) {
            throw new ProblemException(org.springframework.http.HttpStatus.CONFLICT, "action-in-flight",
                    "Action " + actionId + " has not finished yet");
        }
        queue.remove(actionId);
        return commands.execute(new ActionRequest(UUID.randomUUID(), original.device(), original.requestedOn(),
                Source.MANUAL, user, "retry of " + actionId, clock.instant()));
    }

    @Scheduled(fixedDelayString = "${commandcenter.control.retry-offline-every:1m}")
    public void retryQueued() {
        Instant now = clock.instant();
        for (RetryQueueRepository.Queued queued : queue.due(now)) {
            if (emergencyStop.engaged()) {
                return;
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
            CommandOutcome outcome = commands.execute(new ActionRequest(UUID.randomUUID(), original.device(),
                    original.requestedOn(), original.source(), original.requestedBy(), "retry of " + queued.actionId(), now));
            if (outcome.result() == CommandOutcome.Result.OFFLINE) {
                queue.postpone(queued.actionId(), now.plus(settings.retryOfflineEvery()));
            } else {
                queue.remove(queued.actionId());
            }
        }
    }
}
