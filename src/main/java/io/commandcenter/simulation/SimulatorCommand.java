package io.commandcenter.simulation;

import java.io.PrintStream;
import java.util.concurrent.CountDownLatch;

/**
 * {@code java -jar commandcenter.jar simulator [--scenario FILE] [--port 8090] [--speed 60]}: runs the simulated
 * clouds until the process is stopped.
 */
public final class SimulatorCommand {

    private static final String USAGE = """
            usage: simulator [--scenario FILE] [--port PORT] [--speed N]
              --scenario  scenario file (default simulation/scenarios/summer-week.yaml; falls back to the copy in the jar)
              --port      port on 127.0.0.1 (default 8090, 0 = any free port)
              --speed     simulated seconds per wall second (default 60; 0 = clock stands still, use POST /_sim/advance)""";

    private SimulatorCommand() {
    }

    public static int run(String[] args) {
        String scenarioFile = "simulation/scenarios/summer-week.yaml";
        int port = 8090;
        double speed = 60;
        try {
            for (int i = 0; i < args.length; i++) {
                switch (args[i]) {
                    case "--scenario" -> scenarioFile = value(args, ++i);
                    case "--port" -> port = Integer.parseInt(value(args, ++i));
                    case "--speed" -> speed = Double.parseDouble(value(args, ++i));
                    case "--help", "-h" -> {
                        System.out.println(USAGE);
                        return 0;
                    }
                    default -> throw new IllegalArgumentException("unknown option " + args[i]);
                }
            }
            if (port < 0 || port > 65535 || speed < 0) {
                throw new IllegalArgumentException("port must be 0..65535 and speed 0 or more");
            }
        } catch (IllegalArgumentException e) {
            System.err.println("simulator: " + e.getMessage());
            System.err.println(USAGE);
            return 2;
        }
        SiteSimulator simulator;
        try {
            Scenario scenario = Scenario.resolve(scenarioFile);
            SimulationClock clock = speed == 0 ? SimulationClock.manual(scenario.start())
                    : SimulationClock.running(scenario.start(), speed);
            simulator = new SiteSimulator(scenario, clock).start(port);
        } catch (ScenarioException | IllegalStateException e) {
            System.err.println("simulator: " + e.getMessage());
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
                  Admin         %s/_sim/state   POST /_sim/faults  POST /_sim/reset  POST /_sim/advance?by=PT1H
                """, scenario.name(), scenario.description(), scenario.start(), speed,
                simulator.vrmBaseUri(), c.vrmUsername(), c.vrmPassword(), c.vrmAccessToken(), c.vrmUserId(),
                c.vrmSiteId(), c.vrmBatteryInstance(), simulator.shellyBaseUri(), c.shellyAuthKey(),
                simulator.solarkBaseUri(), c.solarkUsername(), c.solarkPassword(), c.solarkPlantId(),
                simulator.baseUri(), simulator.baseUri());
        out.println("  Devices:");
        scenario.devices().forEach(d -> out.printf("    %-14s cloudId %s channel %d  %s %.0f W%n", d.name(), d.cloudId(),
                d.channel(), d.type(), d.ratedPowerW()));
        out.flush();
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            throw new IllegalArgumentException(args[i - 1] + " needs a value");
        }
        return args[i];
    }
}
