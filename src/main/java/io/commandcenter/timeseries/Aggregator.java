package io.commandcenter.timeseries;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Rolls raw readings up into hourly rows and hourly rows into daily rows (UTC buckets).
 * Every run recomputes a window of recent completed buckets and upserts them, so it is
 * idempotent and late readings still reach the aggregates.
 * <p>
 * Energy is the trapezoid rule: between two consecutive samples power is taken to change linearly,
 * and each such segment is split exactly at bucket edges, so hourly energies add up to the daily one.
 * Segments longer than {@code energy-max-gap}, or with an unknown power at either end, count as
 * unknown (they add nothing), never as zero consumption spread over the gap.
 */
final class Aggregator {

    private final JdbcClient jdbc;
    private final TimeseriesProperties properties;

    Aggregator(JdbcClient jdbc, TimeseriesProperties properties) {
        this.jdbc = jdbc;
        this.properties = properties;
    }

    /** What one run covered, for logs and tests. */
    record Run(Instant hoursFrom, Instant hoursTo, Instant daysFrom, Instant daysTo, int hourlyRows, int dailyRows) {
    }

    /** Rolls up every source for the completed hours and days before {@code now}. */
    Run run(Instant now) {
        Instant hoursTo = now.truncatedTo(ChronoUnit.HOURS);
        Instant daysTo = now.truncatedTo(ChronoUnit.DAYS);
        Instant oldestRaw = ceil(now.minus(properties.rawRetention()), ChronoUnit.HOURS);
        Instant oldestHourly = ceil(now.minus(properties.hourlyRetention()), ChronoUnit.DAYS);
        Instant earliestHour = hoursTo;
        Instant earliestDay = daysTo;
        int hourly = 0;
        int daily = 0;
        for (Table table : Table.values()) {
            Instant hoursFrom = max(oldestRaw, min(hoursTo.minus(properties.reaggregateWindow()),
                    next(lastBucket(table.hourly), ChronoUnit.HOURS)));
            if (hoursFrom.isBefore(hoursTo)) {
                hourly += rollUpHours(table, hoursFrom, hoursTo);
            }
            // The days touched by re-aggregated hours change too.
            Instant daysFrom = max(oldestHourly, min(hoursFrom.truncatedTo(ChronoUnit.DAYS),
                    next(lastBucket(table.daily), ChronoUnit.DAYS)));
            if (daysFrom.isBefore(daysTo)) {
                daily += rollUpDays(table, daysFrom, daysTo);
            }
            earliestHour = min(earliestHour, hoursFrom);
            earliestDay = min(earliestDay, daysFrom);
        }
        return new Run(earliestHour, hoursTo, earliestDay, daysTo, hourly, daily);
    }

    /** Recomputes the hourly rows of {@code [from, to)} (hour-aligned) from raw readings. */
    int rollUpHours(Table table, Instant from, Instant to) {
        Duration gap = properties.energyMaxGap();
        return jdbc.sql(table.hourlySql + upsert(table))
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("segmentsFrom", Timestamp.from(from.minus(gap)))
                .param("segmentsTo", Timestamp.from(to.plus(gap)))
                .param("maxGapSeconds", (double) gap.toSeconds())
                .update();
    }

    /** Recomputes the daily rows of {@code [from, to)} (day-aligned) from hourly rows. */
    int rollUpDays(Table table, Instant from, Instant to) {
        return jdbc.sql(table.dailySql + upsert(table))
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .update();
    }

    /** Deletes aggregates older than their retention; returns rows deleted. */
    int enforceRetention(Instant now) {
        int deleted = 0;
        for (Table table : Table.values()) {
            deleted += jdbc.sql("DELETE FROM " + table.hourly + " WHERE bucket < :cutoff")
                    .param("cutoff", Timestamp.from(now.minus(properties.hourlyRetention()))).update();
            deleted += jdbc.sql("DELETE FROM " + table.daily + " WHERE bucket < :cutoff")
                    .param("cutoff", Timestamp.from(now.minus(properties.dailyRetention()))).update();
        }
        return deleted;
    }

    private Instant lastBucket(String table) {
        var last = jdbc.sql("SELECT max(bucket) FROM " + table).query(Timestamp.class).list();
        return last.isEmpty() || last.get(0) == null ? null : last.get(0).toInstant();
    }

    private static String upsert(Table table) {
        String set = Arrays.stream(table.columns.split(","))
                .map(String::trim)
                .filter(c -> !c.equals(table.key) && !c.equals("bucket"))
                .map(c -> c + " = EXCLUDED." + c)
                .collect(Collectors.joining(", "));
        return "\nON CONFLICT (" + table.key + ", bucket) DO UPDATE SET " + set;
    }

    private static Instant next(Instant bucket, ChronoUnit unit) {
        return bucket == null ? Instant.MIN : bucket.plus(1, unit);
    }

    private static Instant ceil(Instant at, ChronoUnit unit) {
        Instant floor = at.truncatedTo(unit);
        return floor.equals(at) ? at : floor.plus(1, unit);
    }

    private static Instant min(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }

    private static Instant max(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }

    /** The aggregate tables of each source and the SQL that fills them. */
    enum Table {
        BATTERY("victron.battery_hourly", "victron.battery_daily", "site",
                "site, bucket, samples, soc_min, soc_avg, soc_max, voltage_min, voltage_avg, voltage_max,"
                        + " power_min, power_avg, power_max, charge_wh, discharge_wh",
                """
                WITH samples AS (
                    SELECT site, date_trunc('hour', at, 'UTC') AS bucket, count(*) AS samples,
                           min(soc) AS soc_min, avg(soc) AS soc_avg, max(soc) AS soc_max,
                           min(voltage) AS voltage_min, avg(voltage) AS voltage_avg, max(voltage) AS voltage_max,
                           min(power) AS power_min, avg(power) AS power_avg, max(power) AS power_max
                    FROM victron.battery_readings
                    WHERE at >= :from AND at < :to
                    GROUP BY 1, 2
                ), segments AS (
                    SELECT site, at AS t0, lead(at) OVER w AS t1,
                           greatest(power, 0) AS charge0, greatest(lead(power) OVER w, 0) AS charge1,
                           greatest(-power, 0) AS discharge0, greatest(-lead(power) OVER w, 0) AS discharge1
                    FROM victron.battery_readings
                    WHERE at >= :segmentsFrom AND at < :segmentsTo
                    WINDOW w AS (PARTITION BY site ORDER BY at)
                ), pieces AS (
                """ + PIECES + """
                ), energy AS (
                    SELECT site, bucket,
                           sum(hours * (charge0 + (charge1 - charge0) * mid)) AS charge_wh,
                           sum(hours * (discharge0 + (discharge1 - discharge0) * mid)) AS discharge_wh
                    FROM pieces
                    GROUP BY 1, 2
                )
                INSERT INTO victron.battery_hourly
                SELECT site, bucket, coalesce(samples, 0), soc_min, soc_avg, soc_max,
                       voltage_min, voltage_avg, voltage_max, power_min, power_avg, power_max, charge_wh, discharge_wh
                FROM samples FULL JOIN energy USING (site, bucket)
                """,
                """
                INSERT INTO victron.battery_daily
                SELECT site, date_trunc('day', bucket, 'UTC'), sum(samples),
                       min(soc_min), sum(soc_avg * samples) / nullif(sum(samples), 0), max(soc_max),
                       min(voltage_min), sum(voltage_avg * samples) / nullif(sum(samples), 0), max(voltage_max),
                       min(power_min), sum(power_avg * samples) / nullif(sum(samples), 0), max(power_max),
                       sum(charge_wh), sum(discharge_wh)
                FROM victron.battery_hourly
                WHERE bucket >= :from AND bucket < :to
                GROUP BY 1, 2
                """),

        SOLAR("solark.flow_hourly", "solark.flow_daily", "site",
                "site, bucket, samples, soc_min, soc_avg, soc_max, pv_power_min, pv_power_avg, pv_power_max,"
                        + " load_power_min, load_power_avg, load_power_max, grid_power_min, grid_power_avg,"
                        + " grid_power_max, battery_power_min, battery_power_avg, battery_power_max,"
                        + " pv_wh, load_wh, import_wh, export_wh, charge_wh, discharge_wh",
                """
                WITH samples AS (
                    SELECT site, date_trunc('hour', at, 'UTC') AS bucket, count(*) AS samples,
                           min(soc) AS soc_min, avg(soc) AS soc_avg, max(soc) AS soc_max,
                           min(pv_power) AS pv_min, avg(pv_power) AS pv_avg, max(pv_power) AS pv_max,
                           min(load_power) AS load_min, avg(load_power) AS load_avg, max(load_power) AS load_max,
                           min(grid_power) AS grid_min, avg(grid_power) AS grid_avg, max(grid_power) AS grid_max,
                           min(battery_power) AS batt_min, avg(battery_power) AS batt_avg, max(battery_power) AS batt_max
                    FROM solark.flow_readings
                    WHERE at >= :from AND at < :to AND NOT stale -- frozen numbers are not energy
                    GROUP BY 1, 2
                ), flows AS (
                    SELECT site, at, pv_power AS pv, load_power AS load,
                           greatest(grid_power, 0) AS import, greatest(-grid_power, 0) AS export,
                           greatest(battery_power, 0) AS charge, greatest(-battery_power, 0) AS discharge
                    FROM solark.flow_readings
                    WHERE at >= :segmentsFrom AND at < :segmentsTo AND NOT stale
                ), segments AS (
                    SELECT site, at AS t0, lead(at) OVER w AS t1,
                           pv AS pv0, lead(pv) OVER w AS pv1, load AS load0, lead(load) OVER w AS load1,
                           import AS import0, lead(import) OVER w AS import1,
                           export AS export0, lead(export) OVER w AS export1,
                           charge AS charge0, lead(charge) OVER w AS charge1,
                           discharge AS discharge0, lead(discharge) OVER w AS discharge1
                    FROM flows
                    WINDOW w AS (PARTITION BY site ORDER BY at)
                ), pieces AS (
                """ + PIECES + """
                ), energy AS (
                    SELECT site, bucket,
                           sum(hours * (pv0 + (pv1 - pv0) * mid)) AS pv_wh,
                           sum(hours * (load0 + (load1 - load0) * mid)) AS load_wh,
                           sum(hours * (import0 + (import1 - import0) * mid)) AS import_wh,
                           sum(hours * (export0 + (export1 - export0) * mid)) AS export_wh,
                           sum(hours * (charge0 + (charge1 - charge0) * mid)) AS charge_wh,
                           sum(hours * (discharge0 + (discharge1 - discharge0) * mid)) AS discharge_wh
                    FROM pieces
                    GROUP BY 1, 2
                )
                INSERT INTO solark.flow_hourly
                SELECT site, bucket, coalesce(samples, 0), soc_min, soc_avg, soc_max,
                       pv_min, pv_avg, pv_max, load_min, load_avg, load_max, grid_min, grid_avg, grid_max,
                       batt_min, batt_avg, batt_max, pv_wh, load_wh, import_wh, export_wh, charge_wh, discharge_wh
                FROM samples FULL JOIN energy USING (site, bucket)
                """,
                """
                INSERT INTO solark.flow_daily
                SELECT site, date_trunc('day', bucket, 'UTC'), sum(samples),
                       min(soc_min), sum(soc_avg * samples) / nullif(sum(samples), 0), max(soc_max),
                       min(pv_power_min), sum(pv_power_avg * samples) / nullif(sum(samples), 0), max(pv_power_max),
                       min(load_power_min), sum(load_power_avg * samples) / nullif(sum(samples), 0), max(load_power_max),
                       min(grid_power_min), sum(grid_power_avg * samples) / nullif(sum(samples), 0), max(grid_power_max),
                       min(battery_power_min), sum(battery_power_avg * samples) / nullif(sum(samples), 0),
                       max(battery_power_max),
                       sum(pv_wh), sum(load_wh), sum(import_wh), sum(export_wh), sum(charge_wh), sum(discharge_wh)
                FROM solark.flow_hourly
                WHERE bucket >= :from AND bucket < :to
                GROUP BY 1, 2
                """),

        DEVICE("shelly.power_hourly", "shelly.power_daily", "device",
                "device, bucket, samples, known_samples, power_min, power_avg, power_max,"
                        + " voltage_min, voltage_avg, voltage_max, energy_wh",
                """
                WITH samples AS (
                    SELECT device, date_trunc('hour', at, 'UTC') AS bucket, count(*) AS samples,
                           count(power) AS known_samples,
                           min(power) AS power_min, avg(power) AS power_avg, max(power) AS power_max,
                           min(voltage) AS voltage_min, avg(voltage) AS voltage_avg, max(voltage) AS voltage_max
                    FROM shelly.power_readings
                    WHERE at >= :from AND at < :to
                    GROUP BY 1, 2
                ), segments AS (
                    SELECT device, at AS t0, lead(at) OVER w AS t1, power AS power0, lead(power) OVER w AS power1
                    FROM shelly.power_readings
                    WHERE at >= :segmentsFrom AND at < :segmentsTo
                    WINDOW w AS (PARTITION BY device ORDER BY at)
                ), pieces AS (
                """ + PIECES + """
                ), energy AS (
                    SELECT device, bucket, sum(hours * (power0 + (power1 - power0) * mid)) AS energy_wh
                    FROM pieces
                    GROUP BY 1, 2
                )
                INSERT INTO shelly.power_hourly
                SELECT device, bucket, coalesce(samples, 0), coalesce(known_samples, 0),
                       power_min, power_avg, power_max, voltage_min, voltage_avg, voltage_max, energy_wh
                FROM samples FULL JOIN energy USING (device, bucket)
                """,
                """
                INSERT INTO shelly.power_daily
                SELECT device, date_trunc('day', bucket, 'UTC'), sum(samples), sum(known_samples),
                       min(power_min), sum(power_avg * known_samples) / nullif(sum(known_samples), 0), max(power_max),
                       min(voltage_min), sum(voltage_avg * known_samples) / nullif(sum(known_samples), 0),
                       max(voltage_max),
                       sum(energy_wh)
                FROM shelly.power_hourly
                WHERE bucket >= :from AND bucket < :to
                GROUP BY 1, 2
                """);

        final String hourly;
        final String daily;
        final String key;
        final String columns;
        final String hourlySql;
        final String dailySql;

        Table(String hourly, String daily, String key, String columns, String hourlySql, String dailySql) {
            this.hourly = hourly;
            this.daily = daily;
            this.key = key;
            this.columns = columns;
            this.hourlySql = hourlySql;
            this.dailySql = dailySql;
        }
    }

    /**
     * Splits each segment [t0, t1] between two consecutive samples at hour edges into pieces [a, b]:
     * {@code hours} is the piece's length and {@code mid} the position of its middle within the
     * segment (0..1), so the trapezoid energy of a piece is hours * (x0 + (x1 - x0) * mid).
     */
    private static final String PIECES = """
                    SELECT *, extract(epoch FROM b - a) / 3600 AS hours,
                           (extract(epoch FROM a - t0) + extract(epoch FROM b - t0)) / 2
                               / extract(epoch FROM t1 - t0) AS mid
                    FROM (
                        SELECT s.*, h AS bucket, greatest(t0, h) AS a, least(t1, h + interval '1 hour') AS b
                        FROM segments s
                        CROSS JOIN generate_series(date_trunc('hour', t0, 'UTC'), t1 - interval '1 microsecond',
                                                   interval '1 hour') AS h
                        WHERE t1 IS NOT NULL AND t1 > t0 AND extract(epoch FROM t1 - t0) <= :maxGapSeconds
                          AND h >= :from AND h < :to
                    ) clipped
                """;
}
