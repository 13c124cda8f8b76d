package io.commandcenter.engine;

import java.util.List;
import java.util.UUID;

/**
 * Published after a manual command was allowed on a device where other requests waited for
 * approval: the engine no longer counts them; the approval feature ends them as superseded.
 *
 * @param by         the manual command that took the device
 * @param requestIds the waiting requests it superseded
 */
public record PendingSuperseded(ActionRequest by, List<UUID> requestIds) {

    public PendingSuperseded {
        requestIds = List.copyOf(requestIds);
    }
}
