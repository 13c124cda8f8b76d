package io.commandcenter.timeseries;

import org.springframework.jdbc.core.simple.JdbcClient;

/** Empties every table this module owns, so each test starts from nothing. */
final class TimeseriesTables {

    private TimeseriesTables() {
    }

    static void truncate(JdbcClient jdbc) {
        jdbc.sql("""
                TRUNCATE victron.battery_readings, solark.flow_readings, shelly.power_readings, shelly.latest_readings,
                         victron.battery_hourly, victron.battery_daily, solark.flow_hourly, solark.flow_daily,
                         shelly.power_hourly, shelly.power_daily, system.rejected_readings, system.system_metrics
                """).update();
    }
}
