package io.commandcenter.agent;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Who a question is put to: the Manager (routes to whichever agent owns the tool the question needs)
 * or one agent directly, which then answers only with its own tools.
 */
public enum AgentChoice {

    MANAGER("manager", "Manager", Set.of()),
    SOLAR_CONTROLLER("solar-controller", "SolarController",
            Set.of("get_cerbo_battery_status", "get_solar_status", "get_device_power_usage")),
    ENERGY_ORCHESTRATOR("energy-orchestrator", "EnergyOrchestrator",
            Set.of("analyze_power_trend", "explain_decision", "explain_suggestions", "kb_search",
                    "suggest_device_action", "simulate_preference_change"));

    private final String id;
    private final String agent;
    private final Set<String> tools;

    AgentChoice(String id, String agent, Set<String> tools) {
        this.id = id;
        this.agent = agent;
        this.tools = tools;
    }

    /** As sent by the chat page: "manager", "solar-controller" or "energy-orchestrator". */
    public String id() {
        return id;
    }

    /** The agent's name in answers and conversations, e.g. "SolarController". */
    public String agent() {
        return agent;
    }

    /** The Manager covers every tool by routing; an agent only its own. */
    public boolean covers(String tool) {
        return this == MANAGER || tools.contains(tool);
    }

    /** The agent that owns a tool. */
    static AgentChoice owner(String tool) {
        return SOLAR_CONTROLLER.tools.contains(tool) ? SOLAR_CONTROLLER : ENERGY_ORCHESTRATOR;
    }

    /** Blank means the Manager; an unknown id is empty. */
    public static Optional<AgentChoice> of(String id) {
        if (id == null || id.isBlank()) {
            return Optional.of(MANAGER);
        }
        String wanted = id.strip().toLowerCase(Locale.ROOT);
        return Arrays.stream(values()).filter(c -> c.id.equals(wanted)).findFirst();
    }

    /** What the agent can answer, in plain words. */
    String scope() {
        return switch (this) {
            case MANAGER -> "every question, by routing it to the right agent";
            case SOLAR_CONTROLLER -> "live status only: the battery, solar production, grid flow and a device's power and energy";
            case ENERGY_ORCHESTRATOR -> "explanations of the rules' decisions, power trends, the site documents, "
                    + "suggested switches for approval and dry runs of preference changes";
        };
    }
}
