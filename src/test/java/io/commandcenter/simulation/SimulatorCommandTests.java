package io.commandcenter.simulation;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

class SimulatorCommandTests {

    @Test
    void exitsWith2AndAClearMessageForABadScenario() {
        String err = stderrOf(() -> assertThat(SimulatorCommand.run(new String[] {"--scenario", "no-such.yaml"})).isEqualTo(2));
        assertThat(err).contains("no-such.yaml: no such scenario file");
    }

    @Test
    void exitsWith2ForUnknownOptions() {
        String err = stderrOf(() -> assertThat(SimulatorCommand.run(new String[] {"--colour", "red"})).isEqualTo(2));
        assertThat(err).contains("unknown option --colour").contains("usage: simulator");
    }

    @Test
    void printsBaseUrlsCredentialsAndDevices() {
        try (SiteSimulator simulator = SiteSimulator.manual(Scenario.resolve("summer-week.yaml")).start(0)) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            SimulatorCommand.printBanner(simulator, 60, new PrintStream(out, true, StandardCharsets.UTF_8));
            String banner = out.toString(StandardCharsets.UTF_8);
            assertThat(banner).contains(simulator.vrmBaseUri().toString(), simulator.shellyBaseUri().toString(),
                    simulator.solarkBaseUri().toString(), SimulatorCredentials.DEFAULT.shellyAuthKey(),
                    SimulatorCredentials.DEFAULT.vrmAccessToken(), "miner-1", "b48a0a1c2d3e");
        }
    }

    private static String stderrOf(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return err.toString(StandardCharsets.UTF_8);
    }
}
