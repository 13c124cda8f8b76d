package io.commandcenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;

import io.commandcenter.ingest.shelly.ShellyApi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParseResult;

/** The jar's command line: every command, its options as documented, and bad input, all without Spring. */
class CommandsTests {

    /** The documented options of each command (README.md, docs/*.md); a rename would break someone's script. */
    private static final Map<String, List<String>> OPTIONS = Map.ofEntries(
            Map.entry("simulator", List.of("--scenario", "--port", "--speed")),
            Map.entry("bench-storage",
                    List.of("--url", "--user", "--rows", "--batch", "--naive-rows", "--rounds", "--iterations")),
            Map.entry("bench-engine", List.of("--quick", "--only")),
            Map.entry("bench-control", List.of("--commands", "--timeouts", "--silent", "--db-url")),
            Map.entry("bench-shelly", List.of("--seconds", "--api", "--command-every")),
            Map.entry("bench-ingest", List.of("--polls", "--faults")),
            Map.entry("simulate", List.of("--scenario", "--out", "--rules", "--set", "--duration", "--emergency-stop",
                    "--quiet")),
            Map.entry("bench-testmode", List.of("--days", "--warmup-days")),
            Map.entry("bench-gate", List.of("--rounds")),
            Map.entry("bench-learning", List.of("--histories", "--gate")),
            Map.entry("bench-agent", List.of("--url", "--rounds")));

    private final AtomicInteger applicationsBuilt = new AtomicInteger();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();
    private final CommandLine commandLine = Commands.commandLine(() -> {
        applicationsBuilt.incrementAndGet();
        throw new IllegalStateException("a command built the application although it should not run");
    });

    private int execute(String... args) {
        commandLine.setOut(new PrintWriter(out, true));
        commandLine.setErr(new PrintWriter(err, true));
        return commandLine.execute(args);
    }

    @Test
    void registersEveryCommandOfTheJar() {
        assertThat(commandLine.getSubcommands().keySet()).containsExactlyInAnyOrderElementsOf(OPTIONS.keySet());
    }

    @Test
    void everyCommandAnswersHelpWithItsDocumentedOptions() {
        for (var command : OPTIONS.entrySet()) {
            StringWriter help = new StringWriter();
            commandLine.setOut(new PrintWriter(help, true));

            assertThat(commandLine.execute(command.getKey(), "--help")).as(command.getKey()).isZero();

            assertThat(help.toString()).as(command.getKey())
                    .startsWith("Usage: java -jar commandcenter.jar " + command.getKey())
                    .contains("--help")
                    .contains(command.getValue());
            List<String> declared = commandLine.getSubcommands().get(command.getKey()).getCommandSpec().options()
                    .stream().filter(o -> !o.usageHelp()).map(OptionSpec::longestName).toList();
            assertThat(declared).as(command.getKey()).containsExactlyElementsOf(command.getValue());
        }
        assertThat(applicationsBuilt).hasValue(0);
    }

    @Test
    void topLevelHelpListsTheCommands() {
        assertThat(execute("--help")).isZero();

        assertThat(out.toString()).startsWith("Usage: java -jar commandcenter.jar").contains(OPTIONS.keySet());
        assertThat(Commands.handles(new String[] {"--help"})).isTrue();
        assertThat(Commands.handles(new String[] {"-h"})).isTrue();
        assertThat(Commands.handles(new String[] {"bench-gate", "--rounds", "1"})).isTrue();
        // Anything else starts the platform, Spring options included.
        assertThat(Commands.handles(new String[] {"--server.port=8081"})).isFalse();
        assertThat(Commands.handles(new String[0])).isFalse();
    }

    @Test
    void aValueOfTheWrongTypeNamesTheOptionAndExits2WithoutStartingSpring() {
        assertThat(execute("bench-control", "--commands", "lots")).isEqualTo(2);

        assertThat(err.toString())
                .contains("bench-control: Invalid value for option '--commands': 'lots' is not an int")
                .contains("See 'java -jar commandcenter.jar bench-control --help'.")
                .doesNotContain("Exception", "\tat ");
        assertThat(applicationsBuilt).hasValue(0);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            bench-control --timeouts 1.5     | bench-control: --timeouts must be between 0 and 1 (was 1.5)
            bench-control --commands 0       | bench-control: --commands must be at least 1 (was 0)
            bench-engine --only everything   | bench-engine: --only must be rate, latency, swap or heap (was everything)
            bench-shelly --api v3            | bench-shelly: Invalid value for option '--api': expected one of
            bench-storage --rows=-5          | bench-storage: --rows must be at least 1 (was -5)
            bench-gate --rounds 0            | bench-gate: --rounds must be at least 1 (was 0)
            bench-learning --histories 0     | bench-learning: --histories must be at least 1 (was 0)
            bench-testmode --warmup-days -1  | bench-testmode: --warmup-days must be 0 or more (was -1)
            simulator --speed -1             | simulator: --speed must be 0 or more (was -1.0)
            simulate --scenario x.yaml       | simulate: Missing required option: '--out=DIR'
            simulate --duration 2d           | '2d' is not an ISO-8601 duration such as P2D or PT12H
            simulate --emergency-stop PT1H   | '--emergency-stop' (OFFSET/LENGTH): needs two ISO-8601 durations such as PT12H/PT1H (was PT1H)
            bench-gate --colour red          | bench-gate: Unknown options: '--colour', 'red'
            """)
    void aBadValueIsOneLineNamingTheOptionAndExits2(String args, String message) {
        assertThat(execute(args.split(" "))).as(err.toString()).isEqualTo(2);

        assertThat(err.toString()).contains(message).doesNotContain("Exception", "\tat ");
        assertThat(applicationsBuilt).hasValue(0);
    }

    @Test
    void optionsTakeTheirValueWithOrWithoutAnEqualsSign() {
        assertThat(valueOf("--only", "bench-engine", "--only=swap")).isEqualTo("swap");
        assertThat(valueOf("--only", "bench-engine", "--only", "swap")).isEqualTo("swap");
        assertThat(valueOf("--rows", "bench-storage", "--rows=10")).isEqualTo(10);
        assertThat(valueOf("--rows", "bench-storage", "--rows", "10")).isEqualTo(10);
        assertThat(valueOf("--rounds", "bench-agent", "--rounds=2")).isEqualTo(2);
        // --api took v2|v1 in any case before picocli, and still does
        assertThat(valueOf("--api", "bench-shelly", "--api", "v1")).isEqualTo(ShellyApi.V1);
    }

    @Test
    void unsetOptionsKeepTheirDefaults() {
        ParseResult control = commandLine.parseArgs("bench-control").subcommand();
        assertThat(defaults(control)).isEqualTo("--commands=1000 --timeouts=0.1 --silent=0.05"
                + " --db-url=jdbc:postgresql://127.0.0.1:5432/commandcenter_bench");
        ParseResult engine = commandLine.parseArgs("bench-engine").subcommand();
        assertThat(defaults(engine)).isEqualTo("--quick=false --only=all");
        assertThat(engine.commandSpec().positionalParameters().get(0).getValue().toString()).isEqualTo("rules");
    }

    private Object valueOf(String option, String... args) {
        return commandLine.parseArgs(args).subcommand().matchedOptionValue(option, null);
    }

    private static String defaults(ParseResult result) {
        return result.commandSpec().options().stream().filter(o -> !o.usageHelp())
                .map(o -> o.longestName() + "=" + o.getValue()).collect(Collectors.joining(" "));
    }
}
