package io.commandcenter.timeseries;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.commandcenter.timeseries.TimeseriesQueries.BatteryPoint;
import io.commandcenter.timeseries.TimeseriesQueries.DataGap;
import io.commandcenter.timeseries.TimeseriesQueries.DeviceEnergy;
import io.commandcenter.timeseries.TimeseriesQueries.DevicePoint;
import io.commandcenter.timeseries.TimeseriesQueries.SolarEnergy;
import io.commandcenter.timeseries.TimeseriesQueries.SolarPoint;
import io.commandcenter.timeseries.TimeseriesQueries.Stats;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The read-side SQL. Raw tables are keyed (at, site|device): time ranges are index range scans
 * within the partitions pruned by {@code at}; a device's history filters the device inside that
 * index range. Aggregates are keyed (site|device, bucket).
 */
final class TimeseriesRepository {

    private final JdbcClient jdbc;

    TimeseriesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    // --- battery ---

    Optional<BatteryReading> latestBattery() {
        return jdbc.sql("""
                SELECT site, at, soc, voltage, current, temperature
                FROM victron.battery_readings ORDER BY at DESC LIMIT 1
                """).query((rs, n) -> new BatteryReading(rs.getString("site"), instant(rs, "at"), rs.getDouble("soc"),
                rs.getDouble("voltage"), rs.getDouble("current"), nullableDouble(rs, "temperature"))).optional();
    }

    List<BatteryPoint> batteryRaw(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT at, soc, voltage, power FROM victron.battery_readings
                WHERE at >= :from AND at < :to ORDER BY at
                """).param("from", ts(from)).param("to", ts(to))
                .query((rs, n) -> new BatteryPoint(instant(rs, "at"), 1, Stats.of(rs.getDouble("soc")),
                        Stats.of(rs.getDouble("voltage")), Stats.of(rs.getDouble("power")), null, null))
                .list();
    }

    List<BatteryPoint> batteryAggregates(String table, Instant from, Instant to) {
        return jdbc.sql("SELECT * FROM " + table + " WHERE bucket >= :from AND bucket < :to ORDER BY bucket")
                .param("from", ts(from)).param("to", ts(to))
                .query((rs, n) -> new BatteryPoint(instant(rs, "bucket"), rs.getInt("samples"), stats(rs, "soc"),
                        stats(rs, "voltage"), stats(rs, "power"), nullableDouble(rs, "charge_wh"),
                        nullableDouble(rs, "discharge_wh")))
                .list();
    }

    // --- solar ---

    Optional<SolarReading> latestSolar() {
        return jdbc.sql("""
                SELECT site, at, pv_power, battery_power, grid_power, load_power, soc, stale, last_changed
                FROM solark.flow_readings ORDER BY at DESC LIMIT 1
                """).query((rs, n) -> new SolarReading(rs.getString("site"), instant(rs, "at"),
                rs.getDouble("pv_power"), rs.getDouble("battery_power"), rs.getDouble("grid_power"),
                rs.getDouble("load_power"), rs.getDouble("soc"), rs.getBoolean("stale"),
                rs.getTimestamp("last_changed") == null ? null : instant(rs, "last_changed"))).optional();
    }

    List<SolarPoint> solarRaw(Instant from, Instant to) {
        return jdbc.sql("""
                SELECT at, pv_power, load_power, grid_power, battery_power, soc FROM solark.flow_readings
                WHERE at >= :from AND at < :to AND NOT stale ORDER BY at
                """).param("from", ts(from)).param("to", ts(to))
                .query((rs, n) -> new SolarPoint(instant(rs, "at"), 1, Stats.of(rs.getDouble("pv_power")),
                        Stats.of(rs.getDouble("load_power")), Stats.of(rs.getDouble("grid_power")),
                        Stats.of(rs.getDouble("battery_power")), Stats.of(rs.getDouble("soc")), null))
                .list();
    }

    List<SolarPoint> solarAggregates(String table, Instant from, Instant to) {
        return jdbc.sql("SELECT * FROM " + table + " WHERE bucket >= :from AND bucket < :to ORDER BY bucket")
                .param("from", ts(from)).param("to", ts(to))
                .query((rs, n) -> new SolarPoint(instant(rs, "bucket"), rs.getInt("samples"), stats(rs, "pv_power"),
                        stats(rs, "load_power"), stats(rs, "grid_power"), stats(rs, "battery_power"), stats(rs, "soc"),
                        new SolarEnergy(nullableDouble(rs, "pv_wh"), nullableDouble(rs, "load_wh"),
                                nullableDouble(rs, "import_wh"), nullableDouble(rs, "export_wh"),
                                nullableDouble(rs, "charge_wh"), nullableDouble(rs, "discharge_wh"))))
                .list();
    }

    // --- devices ---

    /** Latest reading of every device, from the table the write path keeps up to date. */
    List<DevicePowerReading> latestPerDevice() {
        return jdbc.sql("SELECT * FROM shelly.latest_readings ORDER BY device").query(this::deviceReading).list();
    }

    Optional<DevicePowerReading> latestDevice(String device) {
        return jdbc.sql("SELECT * FROM shelly.latest_readings WHERE device = :device")
                .param("device", device).query(this::deviceReading).optional();
    }

    List<DevicePoint> deviceRaw(String device, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT * FROM shelly.power_readings
                WHERE device = :device AND at >= :from AND at < :to ORDER BY at
                """).param("device", device).param("from", ts(from)).param("to", ts(to))
                .query((rs, n) -> new DevicePoint(instant(rs, "at"), 1, rs.getBoolean("online"),
                        nullableBoolean(rs, "relay_on"), nullableStats(rs, "power"), nullableStats(rs, "voltage"), null))
                .list();
    }

    List<DevicePoint> deviceAggregates(String table, String device, Instant from, Instant to) {
        return jdbc.sql("SELECT * FROM " + table
                        + " WHERE device = :device AND bucket >= :from AND bucket < :to ORDER BY bucket")
                .param("device", device).param("from", ts(from)).param("to", ts(to))
                .query((rs, n) -> new DevicePoint(instant(rs, "bucket"), rs.getInt("samples"), null, null,
                        stats(rs, "power"), stats(rs, "voltage"), nullableDouble(rs, "energy_wh")))
                .list();
    }

    /** Energy (trapezoid, clipped to the window) and peak power per device from raw readings. */
    List<DeviceEnergy> deviceEnergyRaw(Instant from, Instant to, Duration maxGap) {
        return jdbc.sql("""
                WITH segments AS (
                    SELECT device, at AS t0, lead(at) OVER w AS t1, power AS p0, lead(power) OVER w AS p1
                    FROM shelly.power_readings
                    WHERE at >= :segmentsFrom AND at < :segmentsTo
                    WINDOW w AS (PARTITION BY device ORDER BY at)
                ), pieces AS (
                    SELECT device, t0, t1, p0, p1, greatest(t0, :from) AS a, least(t1, :to) AS b
                    FROM segments
                    WHERE t1 IS NOT NULL AND t1 > t0 AND extract(epoch FROM t1 - t0) <= :maxGapSeconds
                      AND t1 > :from AND t0 < :to
                ), energy AS (
                    SELECT device, sum(extract(epoch FROM b - a) / 3600 * (p0 + (p1 - p0)
                               * (extract(epoch FROM a - t0) + extract(epoch FROM b - t0)) / 2
                               / extract(epoch FROM t1 - t0))) AS energy_wh
                    FROM pieces GROUP BY device
                ), peaks AS (
                    SELECT DISTINCT ON (device) device, power AS peak_w, at AS peak_at
                    FROM shelly.power_readings
                    WHERE at >= :from AND at < :to AND power IS NOT NULL
                    ORDER BY device, power DESC, at
                )
                SELECT device, energy_wh, peak_w, peak_at FROM energy FULL JOIN peaks USING (device)
                """).param("from", ts(from)).param("to", ts(to))
                .param("segmentsFrom", ts(from.minus(maxGap))).param("segmentsTo", ts(to.plus(maxGap)))
                .param("maxGapSeconds", (double) maxGap.toSeconds())
                .query(this::deviceEnergy).list();
    }

    /** Energy and peak per device from whole aggregate buckets; the peak's time is its bucket start. */
    List<DeviceEnergy> deviceEnergyAggregates(String table, Instant from, Instant to) {
        return jdbc.sql("""
                SELECT device, sum(energy_wh) AS energy_wh, max(power_max) AS peak_w,
                       (array_agg(bucket ORDER BY power_max DESC NULLS LAST, bucket))[1] AS peak_at
                FROM %s
                WHERE bucket >= :from AND bucket < :to
                GROUP BY device
                """.formatted(table)).param("from", ts(from)).param("to", ts(to))
                .query(this::deviceEnergy).list();
    }

    // --- gaps ---

    /**
     * Spans longer than {@code threshold} without a reading, per series (site or device), within the
     * window. The window's edges count as boundaries, so a series that went quiet shows a gap up to
     * {@code to}.
     */
    List<DataGap> gaps(ReadingSource source, Instant from, Instant to, Duration threshold) {
        return jdbc.sql("""
                WITH readings AS (
                    SELECT %1$s AS series, at FROM %2$s WHERE at >= :from AND at < :to
                ), series AS (
                    SELECT DISTINCT series FROM readings
                ), bounds AS (
                    SELECT series, at FROM readings
                    UNION ALL SELECT series, :from FROM series
                    UNION ALL SELECT series, :to FROM series
                ), spans AS (
                    SELECT series, lag(at) OVER (PARTITION BY series ORDER BY at) AS started, at AS ended FROM bounds
                )
                SELECT series, started, ended FROM spans
                WHERE extract(epoch FROM ended - started) > :thresholdSeconds
                ORDER BY started, series
                """.formatted(source.keyColumn(), source.table()))
                .param("from", ts(from)).param("to", ts(to)).param("thresholdSeconds", (double) threshold.toSeconds())
                .query((rs, n) -> DataGap.of(source, rs.getString("series"), instant(rs, "started"),
                        instant(rs, "ended")))
                .list();
    }

    boolean anyReading(ReadingSource source, Instant from, Instant to) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM " + source.table() + " WHERE at >= :from AND at < :to)")
                .param("from", ts(from)).param("to", ts(to)).query(Boolean.class).single();
    }

    // --- mapping ---

    private DevicePowerReading deviceReading(ResultSet rs, int row) throws SQLException {
        return new DevicePowerReading(rs.getString("device"), instant(rs, "at"), rs.getBoolean("online"),
                nullableBoolean(rs, "relay_on"), nullableDouble(rs, "power"), nullableDouble(rs, "voltage"),
                nullableDouble(rs, "current"), nullableDouble(rs, "energy_total_wh"));
    }

    private DeviceEnergy deviceEnergy(ResultSet rs, int row) throws SQLException {
        Timestamp peakAt = rs.getTimestamp("peak_at");
        return new DeviceEnergy(rs.getString("device"), nullableDouble(rs, "energy_wh"),
                nullableDouble(rs, "peak_w"), peakAt == null ? null : peakAt.toInstant());
    }

    private static Stats stats(ResultSet rs, String column) throws SQLException {
        Double min = nullableDouble(rs, column + "_min");
        Double avg = nullableDouble(rs, column + "_avg");
        Double max = nullableDouble(rs, column + "_max");
        return min == null && avg == null && max == null ? null : new Stats(min, avg, max);
    }

    private static Stats nullableStats(ResultSet rs, String column) throws SQLException {
        Double value = nullableDouble(rs, column);
        return value == null ? null : Stats.of(value);
    }

    private static Double nullableDouble(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }

    private static Boolean nullableBoolean(ResultSet rs, String column) throws SQLException {
        boolean value = rs.getBoolean(column);
        return rs.wasNull() ? null : value;
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        return rs.getTimestamp(column).toInstant();
    }

    private static Timestamp ts(Instant at) {
        return Timestamp.from(at);
    }
}
