package io.commandcenter.ingest.internal;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.commandcenter.ingest.PollSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code system.poll_log}: every poll of every cloud. */
@Repository
public class PollLog {

    private final JdbcClient jdbc;

    PollLog(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public void record(PollSource source, Instant startedAt, Duration duration, PollResult result) {
        jdbc.sql("""
                INSERT INTO system.poll_log (source, started_at, duration_ms, ok, error, readings)
                VALUES (:source, :startedAt, :durationMs, :ok, :error, :readings)
                """)
                .param("source", source.key())
                .param("startedAt", Timestamp.from(startedAt))
                .param("durationMs", (int) Math.max(0, Math.min(Integer.MAX_VALUE, duration.toMillis())))
                .param("ok", result.succeeded())
                .param("error", result.error())
                .param("readings", result.readings())
                .update();
    }

    public List<Entry> recent(PollSource source, int limit) {
        return jdbc.sql("""
                SELECT started_at, duration_ms, ok, error, readings FROM system.poll_log
                WHERE source = :source ORDER BY started_at DESC, id DESC LIMIT :limit
                """)
                .param("source", source.key()).param("limit", limit)
                .query((rs, row) -> new Entry(rs.getTimestamp("started_at").toInstant(), rs.getInt("duration_ms"),
                        rs.getBoolean("ok"), rs.getString("error"), rs.getInt("readings")))
                .list();
    }

    public Optional<Instant> lastSuccess(PollSource source) {
        return instant("SELECT max(started_at) FROM system.poll_log WHERE source = :source AND ok", source);
    }

    /** The last successful poll that started at or before {@code at}. */
    public Optional<Instant> lastSuccessAtOrBefore(PollSource source, Instant at) {
        return jdbc.sql("SELECT max(started_at) FROM system.poll_log WHERE source = :source AND ok AND started_at <= :at")
                .param("source", source.key()).param("at", Timestamp.from(at))
                .query((rs, row) -> rs.getTimestamp(1)).optional()
                .filter(java.util.Objects::nonNull).map(Timestamp::toInstant);
    }

    /** The first successful poll that started at or after {@code at}. */
    public Optional<Instant> firstSuccessAtOrAfter(PollSource source, Instant at) {
        return jdbc.sql("SELECT min(started_at) FROM system.poll_log WHERE source = :source AND ok AND started_at >= :at")
                .param("source", source.key()).param("at", Timestamp.from(at))
                .query((rs, row) -> rs.getTimestamp(1)).optional()
                .filter(java.util.Objects::nonNull).map(Timestamp::toInstant);
    }

    public Optional<Instant> firstPoll(PollSource source) {
        return instant("SELECT min(started_at) FROM system.poll_log WHERE source = :source", source);
    }

    public Optional<Entry> lastError(PollSource source) {
        return jdbc.sql("""
                SELECT started_at, duration_ms, ok, error, readings FROM system.poll_log
                WHERE source = :source AND NOT ok ORDER BY started_at DESC, id DESC LIMIT 1
                """)
                .param("source", source.key())
                .query((rs, row) -> new Entry(rs.getTimestamp("started_at").toInstant(), rs.getInt("duration_ms"),
                        rs.getBoolean("ok"), rs.getString("error"), rs.getInt("readings")))
                .optional();
    }

    /** Polls and successful polls since {@code from}. */
    public Counts counts(PollSource source, Instant from) {
        return jdbc.sql("""
                SELECT count(*) AS polls, count(*) FILTER (WHERE ok) AS successes
                FROM system.poll_log WHERE source = :source AND started_at >= :from
                """)
                .param("source", source.key()).param("from", Timestamp.from(from))
                .query((rs, row) -> new Counts(rs.getInt("polls"), rs.getInt("successes")))
                .single();
    }

    /**
     * Spans between consecutive successful polls in {@code [from, to]} longer than {@code longest}; the last success
     * before {@code from} (if any) anchors the first span. Each row is {start, end}.
     */
    public List<Instant[]> spacingsLongerThan(PollSource source, Instant from, Instant to, Duration longest) {
        return jdbc.sql("""
                WITH successes AS (
                    SELECT started_at FROM system.poll_log
                    WHERE source = :source AND ok AND started_at >= :from AND started_at <= :to
                    UNION
                    (SELECT started_at FROM system.poll_log
                     WHERE source = :source AND ok AND started_at < :from ORDER BY started_at DESC LIMIT 1)
                ), spaced AS (
                    SELECT lag(started_at) OVER (ORDER BY started_at) AS previous, started_at FROM successes
                )
                SELECT previous, started_at FROM spaced
                WHERE previous IS NOT NULL AND started_at - previous > make_interval(secs => :seconds)
                ORDER BY previous
                """)
                .param("source", source.key())
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("seconds", longest.toMillis() / 1000.0)
                .query((rs, row) -> new Instant[] {rs.getTimestamp("previous").toInstant(),
                        rs.getTimestamp("started_at").toInstant()})
                .list();
    }

    private Optional<Instant> instant(String sql, PollSource source) {
        return jdbc.sql(sql).param("source", source.key())
                .query((rs, row) -> rs.getTimestamp(1)).optional()
                .filter(java.util.Objects::nonNull).map(Timestamp::toInstant);
    }

    public record Entry(Instant startedAt, int durationMs, boolean ok, String error, int readings) {
    }

    public record Counts(int polls, int successes) {
    }
}
