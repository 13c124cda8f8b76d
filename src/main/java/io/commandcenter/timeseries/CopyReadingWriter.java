package io.commandcenter.timeseries;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
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

    private static final Kind<BatteryReading> BATTERY = new Kind<>(ReadingSource.VICTRON,
            "site, at, soc, voltage, current, power, temperature",
            BatteryReading::site, BatteryReading::at,
            r -> inMicros(r.at()) ? r
                    : new BatteryReading(r.site(), micros(r.at()), r.soc(), r.voltage(), r.current(), r.temperature()),
            (row, r) -> row.text(r.site()).time(r.at()).number(r.soc()).number(r.voltage()).number(r.current())
                    .number(r.power()).number(r.temperature()).endRow(),
            (con, inserted) -> { });

    private static final Kind<SolarReading> SOLAR = new Kind<>(ReadingSource.SOLARK,
            "site, at, pv_power, battery_power, grid_power, load_power, soc, stale, last_changed",
            SolarReading::site, SolarReading::at,
            r -> inMicros(r.at()) && inMicros(r.lastChanged()) ? r
                    : new SolarReading(r.site(), micros(r.at()), r.pvPower(), r.batteryPower(), r.gridPower(),
                    r.loadPower(), r.soc(), r.stale(), r.lastChanged() == null ? null : micros(r.lastChanged())),
            (row, r) -> row.text(r.site()).time(r.at()).number(r.pvPower()).number(r.batteryPower())
                    .number(r.gridPower()).number(r.loadPower()).number(r.soc()).flag(r.stale())
                    .time(r.lastChanged()).endRow(),
            (con, inserted) -> { });

    private static final Kind<DevicePowerReading> DEVICE = new Kind<>(ReadingSource.SHELLY,
            "device, at, online, relay_on, power, voltage, current, energy_total_wh",
            DevicePowerReading::device, DevicePowerReading::at,
            r -> inMicros(r.at()) ? r
                    : new DevicePowerReading(r.device(), micros(r.at()), r.online(), r.on(), r.power(), r.voltage(),
                    r.current(), r.energyTotalWh()),
            (row, r) -> row.text(r.device()).time(r.at()).flag(r.online()).flag(r.on()).number(r.power())
                    .number(r.voltage()).number(r.current()).number(r.energyTotalWh()).endRow(),
            CopyReadingWriter::rememberLatest);

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
        Map<Key, R> unique = new LinkedHashMap<>();
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
                copyManager.copyIn("COPY " + kind.source.table() + " (" + kind.columns + ")"
                        + " FROM STDIN WITH (FORMAT binary)", new ByteArrayInputStream(rows));
                con.releaseSavepoint(beforeCopy);
                kind.afterInsert.accept(con, batch);
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
        copyManager.copyIn("COPY " + staging + " (" + kind.columns + ") FROM STDIN WITH (FORMAT binary)",
                new ByteArrayInputStream(rows));
        Set<Key> inserted = new HashSet<>();
        try (var statement = con.createStatement();
             var rs = statement.executeQuery("INSERT INTO " + kind.source.table() + " SELECT * FROM " + staging
                     + " ON CONFLICT DO NOTHING RETURNING " + key + ", at")) {
            while (rs.next()) {
                inserted.add(new Key(rs.getString(1), rs.getTimestamp(2).toInstant()));
            }
        }
        List<R> stored = batch.stream().filter(r -> inserted.contains(kind.key(r))).toList();
        kind.afterInsert.accept(con, stored);
        return stored;
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

    /** PostgreSQL keeps microseconds; the event must carry exactly what was stored. */
    private static boolean inMicros(Instant at) {
        return at == null || at.getNano() % 1000 == 0;
    }

    private static Instant micros(Instant at) {
        return at.truncatedTo(ChronoUnit.MICROS);
    }

    /**
     * Keeps {@code shelly.latest_readings} at each relay's newest reading: one statement per batch
     * with at most one row per device, and an older (late) reading never replaces a newer one.
     */
    private static void rememberLatest(Connection con, List<DevicePowerReading> inserted) throws SQLException {
        Map<String, DevicePowerReading> newest = new LinkedHashMap<>();
        for (DevicePowerReading r : inserted) {
            newest.merge(r.device(), r, (a, b) -> b.at().isAfter(a.at()) ? b : a);
        }
        if (newest.isEmpty()) {
            return;
        }
        List<DevicePowerReading> rows = List.copyOf(newest.values());
        try (PreparedStatement upsert = con.prepareStatement("""
                INSERT INTO shelly.latest_readings
                    (device, at, online, relay_on, power, voltage, current, energy_total_wh)
                SELECT * FROM unnest(?::text[], ?::timestamptz[], ?::boolean[], ?::boolean[], ?::float8[],
                                     ?::float8[], ?::float8[], ?::float8[])
                ON CONFLICT (device) DO UPDATE SET at = EXCLUDED.at, online = EXCLUDED.online,
                    relay_on = EXCLUDED.relay_on, power = EXCLUDED.power, voltage = EXCLUDED.voltage,
                    current = EXCLUDED.current, energy_total_wh = EXCLUDED.energy_total_wh
                WHERE shelly.latest_readings.at < EXCLUDED.at
                """)) {
            upsert.setArray(1, con.createArrayOf("text", rows.stream().map(DevicePowerReading::device).toArray()));
            upsert.setArray(2, con.createArrayOf("timestamptz",
                    rows.stream().map(r -> Timestamp.from(r.at())).toArray()));
            upsert.setArray(3, con.createArrayOf("boolean", rows.stream().map(DevicePowerReading::online).toArray()));
            upsert.setArray(4, con.createArrayOf("boolean", rows.stream().map(DevicePowerReading::on).toArray()));
            upsert.setArray(5, con.createArrayOf("float8", rows.stream().map(DevicePowerReading::power).toArray()));
            upsert.setArray(6, con.createArrayOf("float8", rows.stream().map(DevicePowerReading::voltage).toArray()));
            upsert.setArray(7, con.createArrayOf("float8", rows.stream().map(DevicePowerReading::current).toArray()));
            upsert.setArray(8, con.createArrayOf("float8",
                    rows.stream().map(DevicePowerReading::energyTotalWh).toArray()));
            upsert.executeUpdate();
        }
    }

    /** Work done in the same transaction once rows are in, with what was actually inserted. */
    private interface AfterInsert<R> {
        void accept(Connection con, List<R> inserted) throws SQLException;
    }

    /** What makes a reading unique: its site or device and its timestamp. */
    private record Key(String name, Instant at) {
    }

    /** How one kind of reading maps onto its table. */
    private record Kind<R>(ReadingSource source, String columns, Function<R, String> name, Function<R, Instant> at,
                           Function<R, R> normalise, BiConsumer<CopyRows, R> row, AfterInsert<R> afterInsert) {

        Key key(R reading) {
            return new Key(name.apply(reading), at.apply(reading));
        }

        byte[] rows(List<R> batch) {
            CopyRows out = new CopyRows(columns.split(",").length, batch.size());
            for (R r : batch) {
                row.accept(out, r);
            }
            return out.bytes();
        }
    }
}
