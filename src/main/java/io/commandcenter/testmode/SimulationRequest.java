package io.commandcenter.testmode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Body of {@code POST /simulations}: either a scenario (closed loop) or a replay window (open loop
 * over stored readings), the candidate rules and the owner-setting overrides.
 *
 * @param scenario       scenario file in {@code simulation/scenarios/} (e.g. "summer-week.yaml")
 * @param replay         window of stored readings to replay instead of a scenario
 * @param ruleVersion    an activated rule-set version to run instead of the live rules
 * @param ruleFiles      DRL files (name → content) that replace or add to the live files
 * @param overrides      owner settings by name, e.g. {"pauseMinersBelow": "45"}
 * @param duration       simulated span instead of the scenario's (ISO-8601)
 * @param emergencyStops emergency stop windows, offsets from the scenario start
 */
public record SimulationRequest(String scenario, Window replay, Integer ruleVersion, Map<String, String> ruleFiles,
                                Map<String, String> overrides, Duration duration,
                                List<SimulationOptions.EmergencyStopWindow> emergencyStops) {

    public SimulationRequest {
        ruleFiles = ruleFiles == null ? Map.of() : Map.copyOf(ruleFiles);
        overrides = overrides == null ? Map.of() : Map.copyOf(overrides);
        emergencyStops = emergencyStops == null ? List.of() : List.copyOf(emergencyStops);
    }

    public String kind() {
        return replay != null ? "replay" : "simulation";
    }

    public record Window(Instant from, Instant to) {
    }
}
