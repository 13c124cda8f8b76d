package io.commandcenter.simulation;

import java.net.URI;

/**
 * The simulator running inside the app, started with it and stopped with it. Adapters configured for the
 * simulator take their base URLs ({@code baseUri() + "/vrm"}, {@code "/shelly"}, {@code "/solark"}, the keyless
 * {@code "/open-meteo"}) and accounts ({@link #credentials()}) from here.
 */
public final class EmbeddedSimulator implements AutoCloseable {

    private final SiteSimulator simulator;

    EmbeddedSimulator(SiteSimulator simulator) {
        this.simulator = simulator;
    }

    /** {@code http://127.0.0.1:PORT}. */
    public URI baseUri() {
        return simulator.baseUri();
    }

    public SimulatorCredentials credentials() {
        return simulator.credentials();
    }

    public SiteSimulator simulator() {
        return simulator;
    }

    @Override
    public void close() {
        simulator.stop();
    }
}
