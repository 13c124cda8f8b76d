package io.commandcenter.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;

import io.commandcenter.sitemodel.Scenario;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class SimulatorCommandTests {

    private final StringWriter err = new StringWriter();

    @Test
    void exitsWith2AndAClearMessageForABadScenario() {
        assertThat(simulator("--scenario", "no-such.yaml")).isEqualTo(2);
        assertThat(err.toString()).contains("no-such.yaml: no such scenario file");
    }

    @Test
    void exitsWith2ForUnknownOptions() {
        assertThat(simulator("--colour", "red")).isEqualTo(2);
        assertThat(err.toString()).contains("Unknown option", "'--colour'").contains("Usage: simulator");
    }

    @Test
    void exitsWith2ForAPortOutOfRange() {
        assertThat(simulator("--port", "70000")).isEqualTo(2);
        assertThat(err.toString()).contains("--port must be 0..65535 (was 70000)");
    }

    @Test
    void printsBaseUrlsCredentialsAndDevices() {
        try (SiteSimulator simulator = SiteSimulator.manual(Scenario.resolve("summer-week.yaml")).start(0)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SimulatorCommand.printBanner(simulator, 60, new PrintStream(out, true, StandardCharsets.UTF_8));
            String banner = out.toString(StandardCharsets.UTF_8);
            assertThat(banner).contains(simulator.vrmBaseUri().toString(), simulator.shellyBaseUri().toString(),
                    simulator.solarkBaseUri().toString(), simulator.forecastBaseUri() + "/v1/forecast",
                    SimulatorCredentials.DEFAULT.shellyAuthKey(),
                    SimulatorCredentials.DEFAULT.vrmAccessToken(), "miner-1", "b48a0a1c2d3e");
        }
    }

    private int simulator(String... args) {
        return new CommandLine(new SimulatorCommand()).setErr(new PrintWriter(err, true)).execute(args);
    }
}
