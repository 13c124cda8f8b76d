package io.commandcenter.timeseries;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The storage benchmark, run by {@link StorageBenchmarkCommand}. Measures, without the web server, against its
 * own database (default {@code commandcenter_bench}): readings stored per second by the production write path
 * next to a naive row-by-row INSERT of the same readings, and p50/p95 latency of the 24 h, 30 d and 2 y histories with two years of data for
 * 20 devices loaded as retention leaves them (raw 72 h at 2-minute steps, hourly 30 days, daily 2 years).
 */
public final class StorageBenchmark {

    private static final int DEVICES = 20;

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final Partitions partitions;
    private final CopyReadingWriter writer;
    private final TimeseriesQueries queries;
    private final AtomicLong eventsPublished = new AtomicLong();
    private final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    StorageBenchmark(DataSource dataSource) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        TimeseriesProperties properties = TimeseriesProperties.defaults();
        Clock clock = Clock.systemUTC();
        TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(dataSource));
        this.partitions = new Partitions(jdbc, tx);
        this.writer = new CopyReadingWriter(dataSource, tx, partitions, new ReadingCounters(),
                event -> eventsPublished.incrementAndGet(), clock, properties);
        this.queries = new TimeseriesQueries(new TimeseriesRepository(jdbc), clock, properties);
    }

    // --- write path ---

    /**
     * Production path and naive insert, measured back to back in each round so both see the same
     * machine load (a shared machine makes single runs swing by a factor of two); the ratio reported
     * is the median of the per-round ratios.
     */
    void writeThroughput(int rows, int batchSize, int naiveRows, int rounds) throws Exception {
        truncateAll();
        partitions.forget();
        List<DevicePowerReading> readings = deviceReadings(rows, Duration.ofSeconds(1));
        List<DevicePowerReading> naiveReadings = readings.subList(0, Math.min(naiveRows, readings.size()));
        // Warm-up (JIT, partitions, connection pool), then clean tables for the measured runs.
        writer.storeDevices(readings.subList(0, Math.min(batchSize, readings.size())));
        jdbc.sql("TRUNCATE shelly.power_readings").update();
        naiveInsert(readings.subList(0, Math.min(1_000, readings.size())));

        System.out.println();
        System.out.println("Write path (shelly.power_readings: 20 devices, daily partitions, one index)");
        double[] copyRates = new double[rounds];
        double[] naiveRates = new double[rounds];
        double[] ratios = new double[rounds];
        for (int round = 0; round < rounds; round++) {
            jdbc.sql("TRUNCATE shelly.power_readings, shelly.latest_readings").update();
            long started = System.nanoTime();
            int stored = 0;
            for (int i = 0; i < readings.size(); i += batchSize) {
                stored += writer.storeDevices(readings.subList(i, Math.min(i + batchSize, readings.size()))).stored();
            }
            copyRates[round] = stored / seconds(started);
            check(stored == readings.size(), "production path stored " + stored + " of " + readings.size());

            jdbc.sql("TRUNCATE shelly.power_readings").update();
            started = System.nanoTime();
            naiveInsert(naiveReadings);
            naiveRates[round] = naiveReadings.size() / seconds(started);
            long naiveStored = jdbc.sql("SELECT count(*) FROM shelly.power_readings").query(Long.class).single();
            check(naiveStored == naiveReadings.size(), "naive stored " + naiveStored + " of " + naiveReadings.size());

            ratios[round] = copyRates[round] / naiveRates[round];
            System.out.printf("  round %d: production %,10.0f readings/s (%,d in batches of %,d)   naive %,7.0f readings/s"
                    + " (%,d rows)   ratio %6.1f x%n", round + 1, copyRates[round], stored, batchSize, naiveRates[round],
                    naiveReadings.size(), ratios[round]);
        }

        // One poll's worth per call (20 readings), as the pollers send them: bound by the commit, not by COPY.
        jdbc.sql("TRUNCATE shelly.power_readings").update();
        long started = System.nanoTime();
        for (int i = 0; i < naiveReadings.size(); i += DEVICES) {
            writer.storeDevices(naiveReadings.subList(i, Math.min(i + DEVICES, naiveReadings.size())));
        }
        double pollRate = naiveReadings.size() / seconds(started);

        System.out.printf("  production path, batches of %,d (median)   : %,10.0f readings/s%n", batchSize,
                median(copyRates));
        System.out.printf("  production path, batches of %d (one poll)   : %,10.0f readings/s%n", DEVICES, pollRate);
        System.out.printf("  naive row-by-row INSERT, autocommit (median): %,10.0f readings/s%n", median(naiveRates));
        System.out.printf("  ratio production/naive (median of rounds)   : %,10.1f x   (target >= 100 x: %s)%n",
                median(ratios), median(ratios) >= 100 ? "met" : "MISSED");
        System.out.printf("  ReadingsStored events published             : %,10d%n", eventsPublished.get());
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    /** The obvious way: one INSERT statement per reading, each committed on its own. */
    private void naiveInsert(List<DevicePowerReading> readings) throws Exception {
        try (Connection con = dataSource.getConnection();
             PreparedStatement insert = con.prepareStatement("""
                     INSERT INTO shelly.power_readings
                         (device, at, online, relay_on, power, voltage, current, energy_total_wh)
                     VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                     """)) {
            con.setAutoCommit(true);
            for (DevicePowerReading r : readings) {
                insert.setString(1, r.device());
                insert.setTimestamp(2, Timestamp.from(r.at()));
                insert.setBoolean(3, r.online());
                insert.setObject(4, r.on());
                insert.setObject(5, r.power());
                insert.setObject(6, r.voltage());
                insert.setObject(7, r.current());
                insert.setObject(8, r.energyTotalWh());
                insert.executeUpdate();
            }
        }
    }

    /** Readings for 20 devices, {@code step} apart, ending a minute ago. */
    private List<DevicePowerReading> deviceReadings(int count, Duration step) {
        Random random = new Random(42);
        int steps = (count + DEVICES - 1) / DEVICES;
        Instant first = now.minusSeconds(60).minus(step.multipliedBy(steps));
        List<DevicePowerReading> readings = new ArrayList<>(count);
        for (int s = 0; s < steps && readings.size() < count; s++) {
            Instant at = first.plus(step.multipliedBy(s));
            for (int d = 0; d < DEVICES && readings.size() < count; d++) {
                double watts = 1300 + random.nextGaussian() * 40;
                readings.add(new DevicePowerReading(device(d), at, true, true, watts, 236.0, watts / 236.0,
                        1000.0 + s * watts / 3600));
            }
        }
        return readings;
    }

    // --- queries ---

    void historyLatency(int iterations) throws Exception {
        loadTwoYears();
        System.out.println();
        System.out.println("History queries through TimeseriesQueries (same SQL as REST), " + iterations
                + " runs each, auto resolution");
        Random random = new Random(7);
        for (Duration span : List.of(Duration.ofHours(24), Duration.ofDays(30), Duration.ofDays(730))) {
            Instant from = now.minus(span);
            String label = span.toDays() == 1 ? "24 h" : span.toDays() + " d";
            measure("device history " + label, iterations,
                    () -> queries.deviceHistory(device(random.nextInt(DEVICES)), from, now, null).points().size());
            measure("battery history " + label, iterations,
                    () -> queries.batteryHistory(from, now, null).points().size());
            measure("solar history " + label, iterations,
                    () -> queries.solarHistory(from, now, null).points().size());
        }
        measure("latest reading per device", iterations, false, () -> queries.latestPerDevice().size());
        measure("gaps, shelly, 24 h", iterations, false,
                () -> queries.gaps(ReadingSource.SHELLY, now.minus(Duration.ofHours(24)), now, Duration.ofMinutes(10)).size());
    }

    private void measure(String name, int iterations, Supplier<Integer> query) {
        measure(name, iterations, true, query);
    }

    private void measure(String name, int iterations, boolean targeted, Supplier<Integer> query) {
        for (int i = 0; i < Math.max(10, iterations / 10); i++) {
            query.get();
        }
        long[] nanos = new long[iterations];
        int points = 0;
        for (int i = 0; i < iterations; i++) {
            long started = System.nanoTime();
            points = query.get();
            nanos[i] = System.nanoTime() - started;
        }
        Arrays.sort(nanos);
        double p50 = nanos[iterations / 2] / 1e6;
        double p95 = nanos[(int) Math.ceil(iterations * 0.95) - 1] / 1e6;
        String verdict = !targeted ? "" : p95 < 20 ? "(target p95 < 20 ms: met)" : "(target p95 < 20 ms: MISSED)";
        System.out.printf("  %-28s %5d rows   p50 %6.2f ms   p95 %6.2f ms  %s%n", name, points, p50, p95, verdict);
    }

    /** Two years for 20 devices, one battery and one inverter, as retention leaves them. */
    private void loadTwoYears() throws Exception {
        truncateAll();
        Random random = new Random(1);
        Duration step = Duration.ofMinutes(2);
        Instant rawFrom = now.minus(Duration.ofHours(72));
        List<DevicePowerReading> devices = new ArrayList<>();
        List<BatteryReading> battery = new ArrayList<>();
        List<SolarReading> solar = new ArrayList<>();
        for (Instant at = rawFrom; at.isBefore(now); at = at.plus(step)) {
            for (int d = 0; d < DEVICES; d++) {
                double watts = 1300 + random.nextGaussian() * 40;
                devices.add(new DevicePowerReading(device(d), at, true, true, watts, 236.0, watts / 236, null));
            }
            battery.add(new BatteryReading("home", at, 40 + random.nextDouble() * 50, 52.5, random.nextGaussian() * 20,
                    21.0));
            solar.add(new SolarReading("home", at, random.nextDouble() * 8000, random.nextGaussian() * 2000,
                    random.nextGaussian() * 1000, 1500 + random.nextDouble() * 3000, 40 + random.nextDouble() * 50));
        }
        writer.storeDevices(devices);
        writer.storeBattery(battery);
        writer.storeSolar(solar);

        Instant hourlyFrom = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofDays(30));
        Instant dailyFrom = now.truncatedTo(ChronoUnit.DAYS).minus(Duration.ofDays(730));
        copyAggregates("shelly.power_hourly", hourlyFrom, now, ChronoUnit.HOURS, true, 11, random);
        copyAggregates("shelly.power_daily", dailyFrom, now, ChronoUnit.DAYS, true, 11, random);
        copyAggregates("victron.battery_hourly", hourlyFrom, now, ChronoUnit.HOURS, false, 14, random);
        copyAggregates("victron.battery_daily", dailyFrom, now, ChronoUnit.DAYS, false, 14, random);
        copyAggregates("solark.flow_hourly", hourlyFrom, now, ChronoUnit.HOURS, false, 24, random);
        copyAggregates("solark.flow_daily", dailyFrom, now, ChronoUnit.DAYS, false, 24, random);
        jdbc.sql("VACUUM ANALYZE").update();
        long rawRows = jdbc.sql("SELECT (SELECT count(*) FROM shelly.power_readings)"
                + " + (SELECT count(*) FROM victron.battery_readings) + (SELECT count(*) FROM solark.flow_readings)")
                .query(Long.class).single();
        long aggregateRows = jdbc.sql("""
                SELECT (SELECT count(*) FROM shelly.power_hourly) + (SELECT count(*) FROM shelly.power_daily)
                     + (SELECT count(*) FROM victron.battery_hourly) + (SELECT count(*) FROM victron.battery_daily)
                     + (SELECT count(*) FROM solark.flow_hourly) + (SELECT count(*) FROM solark.flow_daily)
                """).query(Long.class).single();
        System.out.printf("%nLoaded %,d raw readings (72 h, 2-minute steps) and %,d hourly/daily rows (30 d / 2 y)%n",
                rawRows, aggregateRows);
    }

    /**
     * COPYs synthetic aggregate rows: one series per device (or one "home" series); each row is the
     * key, the bucket, the sample count(s), then random numbers up to {@code columns} fields.
     */
    private void copyAggregates(String table, Instant from, Instant to, ChronoUnit unit, boolean perDevice,
                                int columns, Random random) throws Exception {
        CopyRows rows = new CopyRows(columns, 1000);
        List<String> series = new ArrayList<>();
        if (perDevice) {
            for (int d = 0; d < DEVICES; d++) series.add(device(d));
        } else {
            series.add("home");
        }
        int samples = unit == ChronoUnit.HOURS ? 30 : 720;
        for (String key : series) {
            for (Instant bucket = from; bucket.isBefore(to.truncatedTo(unit)); bucket = bucket.plus(1, unit)) {
                rows.text(key).time(bucket).integer(samples);
                if (perDevice) {
                    rows.integer(samples); // known_samples
                }
                for (int c = perDevice ? 4 : 3; c < columns; c++) {
                    rows.number(random.nextDouble() * 1500);
                }
                rows.endRow();
            }
        }
        try (Connection con = dataSource.getConnection()) {
            con.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + table + " FROM STDIN WITH (FORMAT binary)", new ByteArrayInputStream(rows.bytes()));
        }
    }

    // --- helpers ---

    private void truncateAll() {
        jdbc.sql("""
                TRUNCATE victron.battery_readings, solark.flow_readings, shelly.power_readings, shelly.latest_readings,
                         victron.battery_hourly, victron.battery_daily, solark.flow_hourly, solark.flow_daily,
                         shelly.power_hourly, shelly.power_daily, system.rejected_readings, system.system_metrics
                """).update();
    }

    String serverVersion() {
        return jdbc.sql("SELECT 'PostgreSQL ' || current_setting('server_version')").query(String.class).single();
    }

    private static String device(int index) {
        return "miner-" + (index + 1);
    }

    private static double seconds(long startedNanos) {
        return (System.nanoTime() - startedNanos) / 1e9;
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new IllegalStateException(message);
        }
    }
}
