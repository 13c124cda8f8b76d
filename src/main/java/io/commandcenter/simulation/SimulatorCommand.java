package io.commandcenter.simulation;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.sitemodel.ScenarioException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar commandcenter.jar simulator [--scenario FILE] [--port 8090] [--speed 60]}: runs the simulated
 * clouds until the process is stopped.
 */
@Command(name = "simulator", description = "Runs the simulated clouds (VRM, Shelly, SolArk) until stopped with Ctrl-C.")
public final class SimulatorCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--scenario", paramLabel = "FILE", defaultValue = "simulation/scenarios/summer-week.yaml",
            description = "Scenario file (default ${DEFAULT-VALUE}; falls back to the copy in the jar).")
    private String scenarioFile;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8090",
            description = "Port on 127.0.0.1 (default ${DEFAULT-VALUE}, 0 = any free port).")
    private int port;

    @Option(names = "--speed", paramLabel = "N", defaultValue = "60",
            description = "Simulated seconds per wall second (default ${DEFAULT-VALUE}; 0 = clock stands still, "
                    + "use POST /_sim/advance).")
    private double speed;

    @Override
    public Integer call() {
        if (port < 0 || port > 65535) {
            throw new ParameterException(spec.commandLine(), "--port must be 0..65535 (was " + port + ")");
        }
        if (speed < 0) {
            throw new ParameterException(spec.commandLine(), "--speed must be 0 or more (was " + speed + ")");
        }
        PrintWriter err = spec.commandLine().getErr();
        SiteSimulator simulator;
        try {
            Scenario scenario = Scenario.resolve(scenarioFile);
            SimulationClock clock = speed == 0 ? SimulationClock.manual(scenario.start())
                    : SimulationClock.running(scenario.start(), speed);
            simulator = new SiteSimulator(scenario, clock).start(port);
        } catch (ScenarioException | IllegalStateException e) {
            err.println("simulator: " + e.getMessage());
            err.flush();
            return 2;
        }
        printBanner(simulator, speed, System.out);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            simulator.stop();
            stopped.countDown();
        }));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 0;
    }

    static void printBanner(SiteSimulator simulator, double speed, PrintStream out) {
        SimulatorCredentials c = simulator.credentials();
        Scenario scenario = simulator.scenario();
        out.printf("""
                Site simulator running scenario '%s' (%s)
                  simulated time starts %s, speed %sx; stop with Ctrl-C

                  Victron VRM   %s   username %s  password %s
                                access token %s  idUser %d  idSite %d  battery instance %d
                  Shelly Cloud  %s   auth_key %s
                  SolArk        %s   username %s  password %s  plantId %d
                  Shelly local  %s/shelly-local/{cloudId}/rpc/Switch.GetStatus?id=0
                  Open-Meteo    %s/v1/forecast?latitude=…&longitude=…&hourly=global_tilted_irradiance (no key)
                  Admin         %s/_sim/state   POST /_sim/faults  POST /_sim/reset  POST /_sim/advance?by=PT1H
                """, scenario.name(), scenario.description(), scenario.start(), speed,
                simulator.vrmBaseUri(), c.vrmUsername(), c.vrmPassword(), c.vrmAccessToken(), c.vrmUserId(),
                c.vrmSiteId(), c.vrmBatteryInstance(), simulator.shellyBaseUri(), c.shellyAuthKey(),
                simulator.solarkBaseUri(), c.solarkUsername(), c.solarkPassword(), c.solarkPlantId(),
                simulator.baseUri(), simulator.forecastBaseUri(), simulator.baseUri());
        out.println("  Devices:");
        scenario.devices().forEach(d -> out.printf("    %-14s cloudId %s channel %d  %s %.0f W%n", d.name(), d.cloudId(),
                d.channel(), d.type(), d.ratedPowerW()));
        out.flush();
    }
}
