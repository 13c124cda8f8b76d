package io.commandcenter.ingest;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code system.alerts}. */
@Repository
class AlertRepository {

    private static final String SELECT = "SELECT id, source, kind, message, raised_at, cleared_at FROM system.alerts ";

    private final JdbcClient jdbc;

    AlertRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Raises the alert unless one of that kind is already open for the source; true when raised now. */
    boolean raise(PollSource source, String kind, String message, Instant at) {
        return jdbc.sql("""
                INSERT INTO system.alerts (source, kind, message, raised_at) VALUES (:source, :kind, :message, :at)
                ON CONFLICT (source, kind) WHERE cleared_at IS NULL DO NOTHING
                """)
                .param("source", source.key()).param("kind", kind).param("message", message)
                .param("at", Timestamp.from(at)).update() == 1;
    }

    /** Clears the open alert of that kind; true when there was one. */
    boolean clear(PollSource source, String kind, Instant at) {
        return jdbc.sql("""
                UPDATE system.alerts SET cleared_at = :at
                WHERE source = :source AND kind = :kind AND cleared_at IS NULL
                """)
                .param("source", source.key()).param("kind", kind).param("at", Timestamp.from(at)).update() > 0;
    }

    Optional<PollAlert> open(PollSource source, String kind) {
        return jdbc.sql(SELECT + "WHERE source = :source AND kind = :kind AND cleared_at IS NULL")
                .param("source", source.key()).param("kind", kind).query(this::map).optional();
    }

    List<PollAlert> open(PollSource source) {
        return jdbc.sql(SELECT + "WHERE source = :source AND cleared_at IS NULL ORDER BY raised_at")
                .param("source", source.key()).query(this::map).list();
    }

    List<PollAlert> recent(int limit) {
        return jdbc.sql(SELECT + "ORDER BY raised_at DESC, id DESC LIMIT :limit")
                .param("limit", limit).query(this::map).list();
    }

    private PollAlert map(ResultSet rs, int row) throws SQLException {
        Timestamp cleared = rs.getTimestamp("cleared_at");
        return new PollAlert(rs.getLong("id"), PollSource.of(rs.getString("source")), rs.getString("kind"),
                rs.getString("message"), rs.getTimestamp("raised_at").toInstant(),
                cleared == null ? null : cleared.toInstant());
    }
}
