package io.commandcenter.timeseries;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;

import javax.sql.DataSource;

import org.postgresql.PGConnection;
import org.postgresql.copy.CopyManager;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.datasource.DataSourceUtils;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The production {@link ReadingWriter}: validates, records rejections, then stores the accepted
 * readings of a batch with one PostgreSQL COPY in one transaction, and publishes
 * {@link ReadingsStored} once that transaction has committed.
 * <p>
 * Duplicates (same site or device and timestamp) are skipped, not errors: within a batch they are
 * removed before the COPY; against stored rows the COPY hits the primary key, and the batch is
 * then copied into a session-local staging table and inserted with {@code ON CONFLICT DO NOTHING}.
 * Skipped duplicates are counted ({@code readings_duplicate.*} metrics), are not in the event, and
 * are not in {@link StoreResult#stored()}.
 */
final class CopyReadingWriter implements ReadingWriter {

    private static final String UNIQUE_VIOLATION = "23505";

    private final DataSource dataSource;
    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Partitions partitions;
    private final ReadingValidator validator;
    private final ReadingCounters counters;
    private final ApplicationEventPublisher events;
    private final Clock clock;
    private final TimeseriesProperties properties;

    CopyReadingWriter(DataSource dataSource, TransactionTemplate tx, Partitions partitions, ReadingCounters counters,
                      ApplicationEventPublisher events, Clock clock, TimeseriesProperties properties) {
        this.dataSource = dataSource;
        this.jdbc = JdbcClient.create(dataSource);
        this.tx = tx;
        this.partitions = partitions;
        this.validator = new ReadingValidator(clock, properties.futureSkew());
        this.counters = counters;
        this.events = events;
        this.clock = clock;
        this.properties = properties;
    }

    private static final Kind<BatteryReading> BATTERY = new Kind<>(Source.VICTRON,
            "site, at, soc, voltage, current, power, temperature",
            BatteryReading::site, BatteryReading::at,
            r -> new BatteryReading(r.site(), micros(r.at()), r.soc(), r.voltage(), r.current(), r.temperature()),
            (row, r) -> row.text(r.site()).time(r.at()).number(r.soc()).number(r.voltage()).number(r.current())
                    .number(r.power()).number(r.temperature()).endRow());

    private static final Kind<SolarReading> SOLAR = new Kind<>(Source.SOLARK,
            "site, at, pv_power, battery_power, grid_power, load_power, soc",
            SolarReading::site, SolarReading::at,
            r -> new SolarReading(r.site(), micros(r.at()), r.pvPower(), r.batteryPower(), r.gridPower(),
                    r.loadPower(), r.soc()),
            (row, r) -> row.text(r.site()).time(r.at()).number(r.pvPower()).number(r.batteryPower())
                    .number(r.gridPower()).number(r.loadPower()).number(r.soc()).endRow());

    private static final Kind<DevicePowerReading> DEVICE = new Kind<>(Source.SHELLY,
            "device, at, online, relay_on, power, voltage, current, energy_total_wh",
            DevicePowerReading::device, DevicePowerReading::at,
            r -> new DevicePowerReading(r.device(), micros(r.at()), r.online(), r.on(), r.power(), r.voltage(),
                    r.current(), r.energyTotalWh()),
            (row, r) -> row.text(r.device()).time(r.at()).flag(r.online()).flag(r.on()).number(r.power())
                    .number(r.voltage()).number(r.current()).number(r.energyTotalWh()).endRow());

    @Override
    public StoreResult storeBattery(List<BatteryReading> readings) {
        return store(BATTERY, readings, validator::check, ReadingsStored::ofBattery);
    }

    @Override
    public StoreResult storeSolar(List<SolarReading> readings) {
        return store(SOLAR, readings, validator::check, ReadingsStored::ofSolar);
    }

    @Override
    public StoreResult storeDevices(List<DevicePowerReading> readings) {
        return store(DEVICE, readings, validator::check, ReadingsStored::ofDevices);
    }

    private <R> StoreResult store(Kind<R> kind, List<R> readings, Function<R, String> check,
                                  Function<List<R>, ReadingsStored> event) {
        Instant receivedAt = clock.instant();
        List<String> rejections = new ArrayList<>();
        List<Object[]> rejectedRows = new ArrayList<>();
        Map<String, R> unique = new LinkedHashMap<>();
        int duplicates = 0;
        for (R reading : readings) {
            String reason = check.apply(reading);
            if (reason != null) {
                rejections.add(kind.source.id() + " reading rejected: " + reason + ": " + reading);
                rejectedRows.add(new Object[] {reason, String.valueOf(reading)});
                continue;
            }
            R normalised = kind.normalise.apply(reading);
            if (unique.putIfAbsent(kind.key(normalised), normalised) != null) {
                duplicates++;
            }
        }
        ensurePartitions(kind, unique.values());

        List<R> stored = tx.execute(status -> {
            for (Object[] rejected : rejectedRows) {
                jdbc.sql("""
                        INSERT INTO system.rejected_readings (source, received_at, reason, payload)
                        VALUES (:source, :receivedAt, :reason, :payload)
                        """)
                        .param("source", kind.source.id()).param("receivedAt", Timestamp.from(receivedAt))
                        .param("reason", rejected[0]).param("payload", rejected[1]).update();
            }
            return unique.isEmpty() ? List.<R>of() : copy(kind, List.copyOf(unique.values()));
        });

        duplicates += unique.size() - stored.size();
        counters.add(kind.source, "stored", stored.size());
        counters.add(kind.source, "rejected", rejections.size());
        counters.add(kind.source, "duplicate", duplicates);
        if (!stored.isEmpty()) {
            publishAfterCommit(event.apply(stored));
        }
        return new StoreResult(stored.size(), List.copyOf(rejections));
    }

    /** Partitions for the batch's days; rows older than raw retention go to the default partition. */
    private <R> void ensurePartitions(Kind<R> kind, Iterable<R> readings) {
        LocalDate oldestKept = Partitions.day(clock.instant().minus(properties.rawRetention()));
        Set<LocalDate> days = new TreeSet<>();
        for (R r : readings) {
            LocalDate day = Partitions.day(kind.at.apply(r));
            if (!day.isBefore(oldestKept)) {
                days.add(day);
            }
        }
        partitions.ensure(kind.source, days);
    }

    /** Copies the batch straight into the table; on a duplicate key, through staging. Returns what was inserted. */
    private <R> List<R> copy(Kind<R> kind, List<R> batch) {
        Connection con = DataSourceUtils.getConnection(dataSource);
        try {
            CopyManager copyManager = con.unwrap(PGConnection.class).getCopyAPI();
            byte[] rows = kind.rows(batch);
            Savepoint beforeCopy = con.setSavepoint();
            try {
                copyManager.copyIn("COPY " + kind.source.table() + " (" + kind.columns + ") FROM STDIN",
                        new ByteArrayInputStream(rows));
                con.releaseSavepoint(beforeCopy);
                return batch;
            } catch (SQLException e) {
                if (!UNIQUE_VIOLATION.equals(e.getSQLState())) {
                    throw e;
                }
                con.rollback(beforeCopy);
            }
            return copyThroughStaging(kind, batch, con, copyManager, rows);
        } catch (SQLException | IOException e) {
            throw new DataAccessResourceFailureException("Could not store " + kind.source.id() + " readings", e);
        } finally {
            DataSourceUtils.releaseConnection(con, dataSource);
        }
    }

    private <R> List<R> copyThroughStaging(Kind<R> kind, List<R> batch, Connection con, CopyManager copyManager,
                                           byte[] rows) throws SQLException, IOException {
        String staging = "staging_" + kind.source.id();
        String key = kind.source.keyColumn();
        try (var statement = con.createStatement()) {
            statement.execute("CREATE TEMP TABLE IF NOT EXISTS " + staging + " (LIKE " + kind.source.table()
                    + ") ON COMMIT DELETE ROWS");
            statement.execute("TRUNCATE " + staging);
        }
        copyManager.copyIn("COPY " + staging + " (" + kind.columns + ") FROM STDIN", new ByteArrayInputStream(rows));
        Set<String> inserted = new HashSet<>();
        try (var statement = con.createStatement();
             var rs = statement.executeQuery("INSERT INTO " + kind.source.table() + " SELECT * FROM " + staging
                     + " ON CONFLICT DO NOTHING RETURNING " + key + ", at")) {
            while (rs.next()) {
                inserted.add(rs.getString(1) + "|" + rs.getTimestamp(2).toInstant());
            }
        }
        return batch.stream().filter(r -> inserted.contains(kind.key(r))).toList();
    }

    private void publishAfterCommit(ReadingsStored event) {
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            // The caller's own transaction is still open: our rows are visible only after it commits.
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    events.publishEvent(event);
                }
            });
        } else {
            events.publishEvent(event);
        }
    }

    private static Instant micros(Instant at) {
        // PostgreSQL keeps microseconds; the event must carry exactly what was stored.
        return at.getNano() % 1000 == 0 ? at : at.truncatedTo(ChronoUnit.MICROS);
    }

    /** How one kind of reading maps onto its table. */
    private record Kind<R>(Source source, String columns, Function<R, String> name, Function<R, Instant> at,
                           Function<R, R> normalise, BiConsumer<CopyRows, R> row) {

        String key(R reading) {
            return name.apply(reading) + "|" + at.apply(reading);
        }

        byte[] rows(List<R> batch) {
            CopyRows out = new CopyRows(batch.size());
            for (R r : batch) {
                row.accept(out, r);
            }
            return out.bytes();
        }
    }
}
