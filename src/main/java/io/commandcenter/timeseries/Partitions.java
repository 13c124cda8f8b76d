package io.commandcenter.timeseries;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Daily partitions (UTC days) of the raw reading tables, named {@code <table>_pYYYYMMDD}.
 * Remembers which days exist so the write path normally asks the database nothing.
 */
final class Partitions {

    private static final Log log = LogFactory.getLog(Partitions.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyyMMdd");

    private final JdbcClient jdbc;
    private final TransactionTemplate tx;
    private final Map<ReadingSource, Set<LocalDate>> known = new ConcurrentHashMap<>();

    Partitions(JdbcClient jdbc, TransactionTemplate tx) {
        this.jdbc = jdbc;
        this.tx = tx;
    }

    static LocalDate day(Instant at) {
        return LocalDate.ofInstant(at, ZoneOffset.UTC);
    }

    /** Makes sure every source has a partition for each day from {@code first} to {@code last}. */
    void ensureDays(LocalDate first, LocalDate last) {
        for (ReadingSource source : ReadingSource.values()) {
            for (LocalDate d = first; !d.isAfter(last); d = d.plusDays(1)) {
                ensure(source, d);
            }
        }
    }

    void ensure(ReadingSource source, Collection<LocalDate> days) {
        for (LocalDate day : days) {
            ensure(source, day);
        }
    }

    void ensure(ReadingSource source, LocalDate day) {
        if (existing(source).contains(day)) {
            return;
        }
        tx.executeWithoutResult(status -> create(source, day));
        existing(source).add(day);
    }

    /**
     * Drops every partition that ends at or before {@code cutoff} and deletes older rows that
     * landed in the default partition. Returns how many partitions were dropped.
     */
    int dropBefore(Instant cutoff) {
        int dropped = 0;
        for (ReadingSource source : ReadingSource.values()) {
            for (LocalDate day : List.copyOf(existing(source))) {
                if (!day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().isAfter(cutoff)) {
                    tx.executeWithoutResult(s -> jdbc.sql("DROP TABLE IF EXISTS " + name(source, day)).update());
                    existing(source).remove(day);
                    dropped++;
                    log.info("Dropped raw partition " + name(source, day));
                }
            }
            jdbc.sql("DELETE FROM " + source.table() + "_default WHERE at < :cutoff")
                    .param("cutoff", Timestamp.from(cutoff)).update();
        }
        return dropped;
    }

    /** Days that have a partition, read once from the catalog and then kept up to date. */
    Set<LocalDate> existing(ReadingSource source) {
        return known.computeIfAbsent(source, this::readCatalog);
    }

    /** Forgets the cache, e.g. after a test or the benchmark rebuilt tables behind our back. */
    void forget() {
        known.clear();
    }

    private Set<LocalDate> readCatalog(ReadingSource source) {
        String[] parts = source.table().split("\\.");
        List<String> names = jdbc.sql("""
                SELECT c.relname
                FROM pg_inherits i
                JOIN pg_class c ON c.oid = i.inhrelid
                JOIN pg_class p ON p.oid = i.inhparent
                JOIN pg_namespace n ON n.oid = p.relnamespace
                WHERE n.nspname = :schema AND p.relname = :table
                """).param("schema", parts[0]).param("table", parts[1]).query(String.class).list();
        Set<LocalDate> days = ConcurrentHashMap.newKeySet();
        String prefix = parts[1] + "_p";
        for (String name : names) {
            if (name.startsWith(prefix)) {
                days.add(LocalDate.parse(name.substring(prefix.length()), SUFFIX));
            }
        }
        return days;
    }

    /**
     * Creates the partition as a plain table, moves any rows for that day out of the default
     * partition (PostgreSQL refuses a new partition whose rows sit in the default), then attaches it.
     * An advisory lock serialises concurrent creators (write path and maintenance job).
     */
    private void create(ReadingSource source, LocalDate day) {
        String table = source.table();
        String partition = name(source, day);
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtext(:name))").param("name", partition).query().listOfRows();
        boolean exists = jdbc.sql("SELECT to_regclass(:name) IS NOT NULL").param("name", partition)
                .query(Boolean.class).single();
        if (exists) {
            return;
        }
        String from = "'" + day + " 00:00:00+00'";
        String to = "'" + day.plusDays(1) + " 00:00:00+00'";
        jdbc.sql("CREATE TABLE " + partition + " (LIKE " + table + " INCLUDING DEFAULTS INCLUDING CONSTRAINTS)").update();
        int moved = jdbc.sql("WITH moved AS (DELETE FROM " + table + "_default WHERE at >= " + from + " AND at < " + to
                + " RETURNING *) INSERT INTO " + partition + " SELECT * FROM moved").update();
        jdbc.sql("ALTER TABLE " + table + " ATTACH PARTITION " + partition
                + " FOR VALUES FROM (" + from + ") TO (" + to + ")").update();
        log.info("Created raw partition " + partition + (moved > 0 ? " (moved " + moved + " rows from default)" : ""));
    }

    private static String name(ReadingSource source, LocalDate day) {
        return source.table() + "_p" + SUFFIX.format(day);
    }
}
