package io.commandcenter.timeseries;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Keeps storage in shape: daily partitions ahead of time, hourly and daily roll-ups, retention,
 * and the per-minute metrics. Runs on start, on a schedule, and can be called directly with a
 * chosen time (tests, the benchmark).
 */
class TimeseriesMaintenance implements ApplicationRunner {

    private static final Log log = LogFactory.getLog(TimeseriesMaintenance.class);

    private final JdbcClient jdbc;
    private final Partitions partitions;
    private final Aggregator aggregator;
    private final ReadingCounters counters;
    private final Clock clock;
    private final TimeseriesProperties properties;
    /** Counter totals at the last metrics record, to write per-minute changes. */
    private final Map<String, Long> recorded = new HashMap<>();

    TimeseriesMaintenance(JdbcClient jdbc, Partitions partitions, Aggregator aggregator, ReadingCounters counters,
                          Clock clock, TimeseriesProperties properties) {
        this.jdbc = jdbc;
        this.partitions = partitions;
        this.aggregator = aggregator;
        this.counters = counters;
        this.clock = clock;
        this.properties = properties;
    }

    @Override
    public void run(ApplicationArguments args) {
        boolean timescale = jdbc.sql("SELECT count(*) > 0 FROM pg_extension WHERE extname = 'timescaledb'")
                .query(Boolean.class).single();
        log.info(timescale
                ? "TimescaleDB is installed; readings still use native daily partitions (same SQL on every server)"
                : "TimescaleDB not installed; readings use native PostgreSQL daily partitions");
        preparePartitions(clock.instant());
    }

    @Scheduled(fixedDelayString = "${commandcenter.timeseries.maintenance-interval:5m}",
               initialDelayString = "${commandcenter.timeseries.maintenance-interval:5m}")
    void scheduledMaintenance() {
        try {
            maintain(clock.instant());
        } catch (RuntimeException e) {
            // A failed run is retried at the next interval; storage keeps working meanwhile.
            log.error("Time series maintenance failed", e);
        }
    }

    /** One full maintenance run as if the time were {@code now}. */
    Aggregator.Run maintain(Instant now) {
        preparePartitions(now);
        Aggregator.Run run = aggregator.run(now);
        enforceRetention(now);
        log.debug("Rolled up " + run);
        return run;
    }

    void preparePartitions(Instant now) {
        partitions.ensureDays(Partitions.day(now.minus(properties.rawRetention())),
                Partitions.day(now).plusDays(properties.partitionsAhead()));
    }

    void enforceRetention(Instant now) {
        Instant rawCutoff = now.minus(properties.rawRetention());
        int dropped = partitions.dropBefore(rawCutoff);
        // A relay silent for longer than raw retention has no current reading any more: unknown, not stale.
        jdbc.sql("DELETE FROM shelly.latest_readings WHERE at < :cutoff").param("cutoff", Timestamp.from(rawCutoff))
                .update();
        int aggregates = aggregator.enforceRetention(now);
        Timestamp systemCutoff = Timestamp.from(now.minus(properties.systemRetention()));
        int system = jdbc.sql("DELETE FROM system.rejected_readings WHERE received_at < :cutoff")
                .param("cutoff", systemCutoff).update()
                + jdbc.sql("DELETE FROM system.system_metrics WHERE at < :cutoff").param("cutoff", systemCutoff).update();
        if (dropped + aggregates + system > 0) {
            log.info("Retention: dropped " + dropped + " raw partitions, " + aggregates + " aggregate rows, "
                    + system + " rejected-reading and metric rows");
        }
    }

    @Scheduled(fixedRate = 60_000, initialDelay = 60_000)
    void scheduledMetrics() {
        try {
            recordMetrics(clock.instant());
        } catch (RuntimeException e) {
            log.warn("Could not record system metrics: " + e.getMessage());
        }
    }

    /** Writes the readings counted since the last call and the database size, stamped with the minute. */
    synchronized void recordMetrics(Instant now) {
        Timestamp minute = Timestamp.from(now.truncatedTo(ChronoUnit.MINUTES));
        Map<String, Long> snapshot = new HashMap<>();
        counters.totals().forEach((name, total) -> {
            snapshot.put(name, total - recorded.getOrDefault(name, 0L));
            recorded.put(name, total);
        });
        long databaseBytes = jdbc.sql("SELECT pg_database_size(current_database())").query(Long.class).single();
        // Counters add up if two snapshots fall in the same minute; the size is simply the latest.
        snapshot.forEach((name, value) -> jdbc.sql("""
                        INSERT INTO system.system_metrics (name, at, value) VALUES (:name, :at, :value)
                        ON CONFLICT (name, at) DO UPDATE SET value = system.system_metrics.value + EXCLUDED.value
                        """)
                .param("name", name).param("at", minute).param("value", value.doubleValue()).update());
        jdbc.sql("""
                        INSERT INTO system.system_metrics (name, at, value) VALUES ('database_size_bytes', :at, :value)
                        ON CONFLICT (name, at) DO UPDATE SET value = EXCLUDED.value
                        """)
                .param("at", minute).param("value", (double) databaseBytes).update();
    }
}
