package io.commandcenter.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OfflineRouterTests {

    final OfflineRouter router = new OfflineRouter(() -> List.of("miner-1", "miner-2", "well-pump", "water-heater"));

    @ParameterizedTest
    @CsvSource(delimiter = '|', nullValues = "-", textBlock = """
            what is the battery at?                          | get_cerbo_battery_status | -            | 24
            why did miner-1 stop?                            | explain_decision         | miner-1      | 24
            why were the miners paused last night?           | explain_decision         | -            | 24
            how much did the well pump use this week?        | get_device_power_usage   | well-pump    | 168
            how much is the solar producing?                 | get_solar_status         | -            | 24
            which device used the most energy this week?     | analyze_power_trend      | -            | 168
            turn on miner-2                                  | suggest_device_action    | miner-2      | 24
            what should I check before opening the battery?  | kb_search                | -            | 24
            how does the emergency stop work?                | kb_search                | -            | 24
            what is the miner pause threshold?               | kb_search                | -            | 24
            what if I set the miner pause threshold to 60%?  | simulate_preference_change | -          | 24
            what would happen if min SOC were 40?            | simulate_preference_change | -          | 24
            why do you suggest automating the miner pause?   | explain_suggestions      | -            | 24
            what has learning found?                         | explain_suggestions      | -            | 24
            """)
    void routesCommonQuestionsToTheirTool(String question, String tool, String device, int hours) {
        OfflineRouter.Route route = router.route(question);

        assertThat(route.tool()).isEqualTo(tool);
        assertThat(route.device()).isEqualTo(device);
        assertThat(route.hours()).isEqualTo(hours);
    }

    @Test
    void aWhatIfQuestionCarriesTheChangeAndTheScenarioItNames() {
        OfflineRouter.Route route = router.route("what would happen in a winter cloudy week if the pause threshold were 60%?");

        assertThat(route.tool()).isEqualTo("simulate_preference_change");
        assertThat(route.agent()).isEqualTo("EnergyOrchestrator");
        assertThat(route.changes()).isEqualTo(Map.of("pauseMinersBelow", "60"));
        assertThat(route.scenario()).isEqualTo("winter-cloudy-week.yaml");
        assertThat(router.route("what if min soc were 40?").scenario()).isNull();
    }

    @Test
    void aChosenAgentCoversOnlyItsOwnTools() {
        assertThat(AgentChoice.SOLAR_CONTROLLER.covers("get_cerbo_battery_status")).isTrue();
        assertThat(AgentChoice.SOLAR_CONTROLLER.covers("explain_decision")).isFalse();
        assertThat(AgentChoice.ENERGY_ORCHESTRATOR.covers("simulate_preference_change")).isTrue();
        assertThat(AgentChoice.ENERGY_ORCHESTRATOR.covers("get_solar_status")).isFalse();
        assertThat(AgentChoice.MANAGER.covers("get_solar_status")).isTrue();
        assertThat(AgentChoice.of(null)).contains(AgentChoice.MANAGER);
        assertThat(AgentChoice.of("Solar-Controller")).contains(AgentChoice.SOLAR_CONTROLLER);
        assertThat(AgentChoice.of("janitor")).isEmpty();

        String said = router.outOfScope(router.route("why did miner-1 stop?"), AgentChoice.SOLAR_CONTROLLER);
        assertThat(said).contains("outside what the SolarController answers", "explain_decision",
                "ask the EnergyOrchestrator or the Manager");
    }
}
