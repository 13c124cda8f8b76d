package io.commandcenter.timeseries;

import java.util.Properties;
import java.util.concurrent.Callable;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import com.zaxxer.hikari.HikariDataSource;
import io.commandcenter.database.DatabaseCreator;
import org.flywaydb.core.Flyway;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code java -jar commandcenter.jar bench-storage [--url=jdbc:postgresql://host/db] [--user=postgres]
 * [--rows=500000] [--batch=5000] [--naive-rows=10000] [--rounds=3] [--iterations=200]}: creates and migrates its
 * own database, then runs {@link StorageBenchmark}. The password comes from {@code COMMANDCENTER_DB_PASSWORD}.
 */
@Command(name = "bench-storage",
        description = "Storage benchmark: write path against a naive INSERT, then history query latency.")
public final class StorageBenchmarkCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--url", paramLabel = "URL", defaultValue = "jdbc:postgresql://127.0.0.1:5432/commandcenter_bench",
            description = "JDBC URL of the benchmark's own database, created if missing (default ${DEFAULT-VALUE}).")
    private String url;

    @Option(names = "--user", paramLabel = "USER", defaultValue = "${env:COMMANDCENTER_DB_USER:-postgres}",
            description = "Database user (default: COMMANDCENTER_DB_USER, else postgres). "
                    + "The password comes from COMMANDCENTER_DB_PASSWORD.")
    private String user;

    @Option(names = "--rows", paramLabel = "N", defaultValue = "500000",
            description = "Readings stored by the production write path per round (default ${DEFAULT-VALUE}).")
    private int rows;

    @Option(names = "--batch", paramLabel = "N", defaultValue = "5000",
            description = "Readings per write call (default ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = "--naive-rows", paramLabel = "N", defaultValue = "10000",
            description = "Readings inserted row by row per round (default ${DEFAULT-VALUE}).")
    private int naiveRows;

    @Option(names = "--rounds", paramLabel = "N", defaultValue = "3",
            description = "Write rounds (default ${DEFAULT-VALUE}).")
    private int rounds;

    @Option(names = "--iterations", paramLabel = "N", defaultValue = "200",
            description = "Runs of each history query (default ${DEFAULT-VALUE}).")
    private int iterations;

    @Override
    public Integer call() {
        atLeastOne("--rows", rows);
        atLeastOne("--batch", batch);
        atLeastOne("--naive-rows", naiveRows);
        atLeastOne("--rounds", rounds);
        atLeastOne("--iterations", iterations);
        ((Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)).setLevel(Level.WARN);
        Properties credentials = new Properties();
        credentials.setProperty("user", user);
        String password = System.getenv("COMMANDCENTER_DB_PASSWORD");
        credentials.setProperty("password", password == null ? "" : password);
        DatabaseCreator.createIfMissing(url, credentials);

        try (HikariDataSource dataSource = new HikariDataSource()) {
            dataSource.setJdbcUrl(url);
            dataSource.setUsername(credentials.getProperty("user"));
            dataSource.setPassword(credentials.getProperty("password"));
            dataSource.setMaximumPoolSize(4);
            Flyway.configure().dataSource(dataSource).locations("classpath:db/migration").outOfOrder(true).load()
                    .migrate();
            StorageBenchmark bench = new StorageBenchmark(dataSource);
            System.out.println("Storage benchmark against " + url + " (" + bench.serverVersion() + ", "
                    + Runtime.getRuntime().availableProcessors() + " CPUs)");
            bench.writeThroughput(rows, batch, naiveRows, rounds);
            bench.historyLatency(iterations);
            return 0;
        } catch (Exception e) {
            System.err.println("bench-storage failed: " + e);
            e.printStackTrace();
            return 1;
        }
    }

    private void atLeastOne(String option, int value) {
        if (value < 1) {
            throw new ParameterException(spec.commandLine(), option + " must be at least 1 (was " + value + ")");
        }
    }
}
