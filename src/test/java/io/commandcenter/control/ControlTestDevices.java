package io.commandcenter.control;

import io.commandcenter.simulation.EmbeddedSimulator;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Registers the simulated site's relays, as onboarding would. */
final class ControlTestDevices {

    private ControlTestDevices() {
    }

    static void register(JdbcClient jdbc, EmbeddedSimulator simulator) {
        for (var device : simulator.simulator().scenario().devices()) {
            jdbc.sql("""
                            DELETE FROM shelly.devices
                            WHERE (name = :name OR (cloud_id = :cloud AND channel = :channel))
                              AND NOT (name = :name AND cloud_id = :cloud AND channel = :channel)
                            """)
                    .param("name", device.name()).param("cloud", device.cloudId()).param("channel", device.channel())
                    .update();
            // Other tests may have left a row under this name with another relay: replace it.
            jdbc.sql("""
                            INSERT INTO shelly.devices (name, cloud_id, channel, type, rated_power, online)
                            VALUES (:name, :cloud, :channel, :type, :rated, true)
                            ON CONFLICT (name) DO UPDATE SET type = EXCLUDED.type, rated_power = EXCLUDED.rated_power
                            """)
                    .param("name", device.name()).param("cloud", device.cloudId()).param("channel", device.channel())
                    .param("type", device.type().name()).param("rated", device.ratedPowerW())
                    .update();
        }
    }
}
