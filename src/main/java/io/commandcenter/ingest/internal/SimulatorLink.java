package io.commandcenter.ingest.internal;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.simulation.SimulatorCredentials;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The embedded simulator as a stand-in for clouds without an account. Its clock runs 60× faster, so default poll
 * intervals become seconds instead of minutes and a newcomer sees values move within a minute.
 */
public record SimulatorLink(URI baseUri, SimulatorCredentials credentials) {

    public static Optional<SimulatorLink> of(ObjectProvider<EmbeddedSimulator> simulator) {
        return Optional.ofNullable(simulator.getIfAvailable())
                .map(sim -> new SimulatorLink(sim.baseUri(), sim.credentials()));
    }

    public URI path(String prefix) {
        return URI.create(baseUri() + prefix);
    }

    /** The poll interval: configured, else the default, in seconds rather than minutes on the simulator. */
    public static Duration interval(Duration configured, Duration realDefault, boolean onSimulator) {
        if (configured != null) {
            return configured;
        }
        return onSimulator ? Duration.ofSeconds(realDefault.toMinutes()) : realDefault;
    }
}
