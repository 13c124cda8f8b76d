package io.commandcenter.agent;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Empties the readings, decisions and conversations the agent tests read, so each test starts from nothing. */
final class AgentTables {

    private AgentTables() {
    }

    static void truncate(JdbcClient jdbc) {
        jdbc.sql("""
                TRUNCATE victron.battery_readings, solark.flow_readings, shelly.power_readings, shelly.latest_readings,
                         victron.battery_hourly, solark.flow_hourly, shelly.power_hourly, shelly.power_daily,
                         engine.decisions, agent.conversations, approval.pending_actions, control.action_log
                """).update();
    }
}
