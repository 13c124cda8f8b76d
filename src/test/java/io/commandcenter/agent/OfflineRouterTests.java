package io.commandcenter.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

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
            """)
    void routesCommonQuestionsToTheirTool(String question, String tool, String device, int hours) {
        OfflineRouter.Route route = router.route(question);

        assertThat(route.tool()).isEqualTo(tool);
        assertThat(route.device()).isEqualTo(device);
        assertThat(route.hours()).isEqualTo(hours);
    }
}
