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
                            INSERT INTO shelly.devices (name, cloud_id, channel, type, rated_power, online)
                            VALUES (:name, :cloud, :channel, :type, :rated, true)
                            ON CONFLICT (name) DO NOTHING
                            """)
                    .param("name", device.name()).param("cloud", device.cloudId()).param("channel", device.channel())
                    .param("type", device.type().name()).param("rated", device.ratedPowerW())
                    .update();
        }
    }
}
