package io.commandcenter.engine;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import io.commandcenter.engine.facts.DeviceStatus;

/**
 * What a session sees after it fired, for automation that runs step by step (workflows): which watched conditions
 * were in the session and which of them hold, each device's state, whether the emergency stop is on, and the
 * decisions on requests made by automation outside the rule files (requested by a workflow's step) since the last
 * look.
 */
public record SiteView(Instant now, Set<String> watched, Set<String> holding, Map<String, DeviceStatus> devices,
                       boolean stopped, List<Decision> decisions) {

    public SiteView {
        watched = Set.copyOf(watched);
        holding = Set.copyOf(holding);
        devices = Map.copyOf(devices);
        decisions = List.copyOf(decisions);
    }
}
