package io.commandcenter;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Function;

import org.springframework.boot.builder.SpringApplicationBuilder;

/**
 * Command-line tools that ship in the same jar as the platform:
 * {@code java -jar commandcenter.jar <command> [options]}.
 * Each feature registers its command here; a command returns the process exit code.
 */
final class Commands {

    private static final Map<String, Function<String[], Integer>> COMMANDS = new LinkedHashMap<>();

    static {
        COMMANDS.put("simulator", io.commandcenter.simulation.SimulatorCommand::run);
        COMMANDS.put("bench-storage", io.commandcenter.timeseries.StorageBenchmark::run);
        COMMANDS.put("bench-engine", io.commandcenter.engine.EngineBenchmark::run);
        COMMANDS.put("bench-control", args -> io.commandcenter.control.ControlBenchmark.run(args,
                () -> new SpringApplicationBuilder(CommandCenterApplication.class)));
        COMMANDS.put("bench-shelly", io.commandcenter.ingest.shelly.ShellyBudgetBenchmark::run);
        COMMANDS.put("bench-ingest", io.commandcenter.ingest.IngestBenchmark::run);
        COMMANDS.put("simulate", io.commandcenter.testmode.SimulateCommand::run);
        COMMANDS.put("bench-testmode", io.commandcenter.testmode.TestModeBenchmark::run);
        COMMANDS.put("bench-gate", io.commandcenter.testmode.GateBenchmark::run);
        COMMANDS.put("bench-agent", io.commandcenter.agent.AgentBenchmark::run);
    }

    private Commands() {
    }

    static boolean handles(String[] args) {
        return args.length > 0 && COMMANDS.containsKey(args[0]);
    }

    static int run(String[] args) {
        return COMMANDS.get(args[0]).apply(Arrays.copyOfRange(args, 1, args.length));
    }
}
