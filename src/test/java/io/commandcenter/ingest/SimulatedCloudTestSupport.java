package io.commandcenter.ingest;

import io.commandcenter.simulation.SiteSimulator;
import io.commandcenter.sitemodel.Scenario;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInstance;

/**
 * The simulator's clouds over HTTP for a cloud client's tests: started once per test class (on a free port), and
 * reset with no faults before each test so a fault or clock move does not leak into the next. A subclass's own
 * {@code @BeforeEach} runs after the reset.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SimulatedCloudTestSupport {

    protected SiteSimulator sim;

    @BeforeAll
    void startSimulator() {
        sim = SiteSimulator.manual(Scenario.resolve("summer-week.yaml")).start(0);
    }

    @AfterAll
    void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void noFaults() {
        sim.reset();
        sim.faults().clear();
    }
}
