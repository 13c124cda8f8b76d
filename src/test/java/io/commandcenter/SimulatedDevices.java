package io.commandcenter;

import io.commandcenter.simulation.EmbeddedSimulator;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Registers the simulated site's relays, as onboarding would. Tests share one database, so rows
 * another test left under the same name or relay are replaced, never kept.
 */
public final class SimulatedDevices {

    private SimulatedDevices() {
    }

    public static void register(JdbcClient jdbc, EmbeddedSimulator simulator) {
        for (var device : simulator.simulator().scenario().devices()) {
            jdbc.sql("DELETE FROM shelly.devices WHERE name = :name OR (cloud_id = :cloud AND channel = :channel)")
                    .param("name", device.name()).param("cloud", device.cloudId()).param("channel", device.channel())
                    .update();
            jdbc.sql("""
                            INSERT INTO shelly.devices (name, cloud_id, channel, type, rated_power, online)
                            VALUES (:name, :cloud, :channel, :type, :rated, true)
                            """)
                    .param("name", device.name()).param("cloud", device.cloudId()).param("channel", device.channel())
                    .param("type", device.type().name()).param("rated", device.ratedPowerW())
                    .update();
        }
    }
}
