package io.commandcenter.testmode;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class SimulationRunRepository {

    private final JdbcClient jdbc;

    SimulationRunRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void insert(UUID id, String kind, String requestJson) {
        jdbc.sql("""
                INSERT INTO testmode.simulation_runs (id, kind, status, request)
                VALUES (:id, :kind, 'QUEUED', CAST(:request AS jsonb))
                """).param("id", id).param("kind", kind).param("request", requestJson).update();
    }

    void running(UUID id) {
        jdbc.sql("UPDATE testmode.simulation_runs SET status = 'RUNNING', started_at = now() WHERE id = :id")
                .param("id", id).update();
    }

    void progress(UUID id, double progress) {
        jdbc.sql("UPDATE testmode.simulation_runs SET progress = :p WHERE id = :id AND status = 'RUNNING'")
                .param("id", id).param("p", Math.max(0, Math.min(1, progress))).update();
    }

    void done(UUID id, String reportJson, int violations, long wallMillis) {
        jdbc.sql("""
                UPDATE testmode.simulation_runs
                   SET status = 'DONE', progress = 1, report = :report, violation_count = :violations,
                       wall_millis = :wall, finished_at = now()
                 WHERE id = :id
                """).param("id", id).param("report", reportJson).param("violations", violations)
                .param("wall", wallMillis).update();
    }

    void failed(UUID id, String error) {
        jdbc.sql("""
                UPDATE testmode.simulation_runs SET status = 'FAILED', error = :error, finished_at = now()
                 WHERE id = :id
                """).param("id", id).param("error", error).update();
    }

    Optional<SimulationRun> find(UUID id) {
        return jdbc.sql("""
                SELECT id, kind, status, progress, request::text AS request, error, violation_count, wall_millis,
                       created_at, started_at, finished_at
                  FROM testmode.simulation_runs WHERE id = :id
                """).param("id", id).query(SimulationRunRepository::run).optional();
    }

    List<SimulationRun> recent(int limit) {
        return jdbc.sql("""
                SELECT id, kind, status, progress, request::text AS request, error, violation_count, wall_millis,
                       created_at, started_at, finished_at
                  FROM testmode.simulation_runs ORDER BY created_at DESC, id LIMIT :limit
                """).param("limit", limit).query(SimulationRunRepository::run).list();
    }

    Optional<String> report(UUID id) {
        return jdbc.sql("SELECT report FROM testmode.simulation_runs WHERE id = :id AND status = 'DONE'")
                .param("id", id).query(String.class).optional();
    }

    /** Runs a restart interrupted can never finish. */
    int failInterrupted() {
        return jdbc.sql("""
                UPDATE testmode.simulation_runs SET status = 'FAILED', error = 'interrupted by a restart',
                       finished_at = now()
                 WHERE status IN ('QUEUED', 'RUNNING')
                """).update();
    }

    private static SimulationRun run(ResultSet rs, int row) throws SQLException {
        return new SimulationRun(rs.getObject("id", UUID.class), rs.getString("kind"),
                SimulationRun.Status.valueOf(rs.getString("status")), rs.getDouble("progress"), rs.getString("request"),
                rs.getString("error"), (Integer) rs.getObject("violation_count"),
                (Long) rs.getObject("wall_millis"), instant(rs.getTimestamp("created_at")),
                instant(rs.getTimestamp("started_at")), instant(rs.getTimestamp("finished_at")));
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }
}
