package io.commandcenter.testmode;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class SimulateCommandTests {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Parses as the jar does, then runs without {@code call()}, which would quieten the test run's logging. */
    private int simulate(String... args) {
        SimulateCommand command = new SimulateCommand();
        new CommandLine(command).parseArgs(args);
        PrintWriter outWriter = new PrintWriter(out, true, StandardCharsets.UTF_8);
        PrintWriter errWriter = new PrintWriter(err, true, StandardCharsets.UTF_8);
        try {
            return command.simulate(outWriter, errWriter);
        } finally {
            outWriter.flush();
            errWriter.flush();
        }
    }

    @Test
    void writesBothReportsForAShippedScenario(@TempDir Path dir) throws Exception {
        int exit = simulate("--scenario", "simulation/scenarios/summer-week.yaml", "--out", dir.toString(),
                "--duration", "P1D", "--set", "pauseMinersBelow=45");

        assertThat(exit).as(err.toString()).isZero();
        String json = Files.readString(dir.resolve("report.json"));
        String html = Files.readString(dir.resolve("report.html"));
        assertThat(json).contains("\"pauseMinersBelow\" : \"45\"", "\"simulatedHours\" : 24.0");
        assertThat(html).contains("<svg", "<polyline class=\"soc\"", "<polygon class=\"pause\"",
                "Battery below the pause threshold: pause running miners", "No safety violations")
                .doesNotContain("<script", "http://", "https://");
        assertThat(out.toString()).contains("Simulated 24 h of 'summer-week'", "real time", "0 safety violations");
        assertThat(err.toString()).contains("100%");
    }

    @Test
    void showsTheAlertsNextToAViolationARelayCaused(@TempDir Path dir) throws Exception {
        int exit = simulate("--scenario", "simulation/scenarios/relays-ignore-commands.yaml", "--out", dir.toString());

        assertThat(exit).as(err.toString()).isZero();
        assertThat(Files.readString(dir.resolve("report.html")))
                .contains("No safety violations by the rules.", "1 more where a relay refused the rules' off",
                        "Alerts the owner would have been sent", "PROTECTIVE_OFF_FAILED");
        assertThat(out.toString()).contains("1 safety violations", "ALERT PROTECTIVE_OFF_FAILED at ",
                "(the relay refused to switch it off)");
    }

    @Test
    void exitsWith2NamingTheRuleThatThrows(@TempDir Path dir) throws Exception {
        Path rules = dir.resolve("rules");
        Files.createDirectories(rules);
        try (var files = Files.list(RuleSets.DEFAULT_DIR)) {
            for (Path f : files.toList()) {
                Files.copy(f, rules.resolve(f.getFileName()));
            }
        }
        Files.writeString(rules.resolve("reports.drl"), TestRules.THROWING_RULE);

        int exit = simulate("--scenario", "simulation/scenarios/summer-week.yaml", "--out", dir.resolve("out").toString(),
                "--rules", rules.toString(), "--duration", "PT2H", "--quiet");

        assertThat(exit).isEqualTo(2);
        assertThat(err.toString()).contains("simulate: rule 'Charge per running miner' failed at 2025-06-16T06:00:00Z in "
                + "scenario 'summer-week': ArithmeticException: / by zero");
    }

    @Test
    void exitsWith2NamingTheFieldOfABadScenario(@TempDir Path dir) throws Exception {
        Path bad = dir.resolve("bad.yaml");
        Files.writeString(bad, Files.readString(Path.of("simulation/scenarios/grid-tied.yaml"))
                .replace("capacityKwh: 15", "capacityKwh: -3"));

        assertThat(simulate("--scenario", bad.toString(), "--out", dir.resolve("out").toString())).isEqualTo(2);
        assertThat(err.toString()).contains("bad.yaml", "capacityKwh must be greater than 0");
        assertThat(dir.resolve("out")).doesNotExist();
    }

    @Test
    void exitsWith2WithFileAndLineOfARuleSetThatDoesNotCompile(@TempDir Path dir) throws Exception {
        Path rules = Files.createDirectory(dir.resolve("rules"));
        Files.writeString(rules.resolve("broken.drl"), """
                package rules;

                rule "Pause on a fact nobody inserts"
                when
                    NoSuchFact()
                then
                end
                """);

        assertThat(simulate("--scenario", "simulation/scenarios/grid-tied.yaml", "--out", dir.toString(),
                "--rules", rules.toString(), "--quiet")).isEqualTo(2);
        assertThat(err.toString()).contains("does not compile", "broken.drl", "NoSuchFact");
    }

    @Test
    void exitsWith2OnAnUnknownSetting(@TempDir Path dir) {
        assertThat(simulate("--scenario", "simulation/scenarios/grid-tied.yaml", "--out", dir.toString(),
                "--set", "sellMinersBelow=10")).isEqualTo(2);
        assertThat(err.toString()).contains("unknown setting 'sellMinersBelow'");
    }
}
