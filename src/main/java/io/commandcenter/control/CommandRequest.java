package io.commandcenter.control;

import java.util.Objects;
import java.util.UUID;

/**
 * A request to switch one device.
 *
 * @param id          stable id; repeating a request with the same id never runs it twice
 * @param device      registry name ("miner-1")
 * @param on          the requested relay state
 * @param source      manual, automation or agent
 * @param requestedBy the person, rule or agent that asked ("alice", "rule:Pause miners…", "agent:orchestrator")
 * @param reason      free text shown in the history
 */
public record CommandRequest(UUID id, String device, boolean on, RequestSource source, String requestedBy,
                             String reason) {

    public CommandRequest {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(device, "device");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(requestedBy, "requestedBy");
        reason = reason == null ? "" : reason;
    }

    public static CommandRequest manual(String device, boolean on, String user, String reason) {
        return new CommandRequest(UUID.randomUUID(), device, on, RequestSource.MANUAL, user, reason);
    }
}
