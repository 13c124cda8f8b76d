package io.commandcenter.control;

import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** Writes and reads the append-only {@code control.action_log}. */
@Repository
class ActionLogRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json = JsonMapper.builder().build();

    ActionLogRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void append(ActionRequest request, String kind, Instant at, Boolean previousOn, Integer attempt, String result,
                Map<String, ?> detail) {
        jdbc.sql("""
                        INSERT INTO control.action_log
                            (action_id, at, kind, device, source, requested_by, requested_on, previous_on, attempt, result, detail)
                        VALUES (:id, :at, :kind, :device, :source, :by, :on, :previous, :attempt, :result, CAST(:detail AS jsonb))
                        """)
                .param("id", request.id())
                .param("at", Timestamp.from(at))
                .param("kind", kind)
                .param("device", request.device())
                .param("source", request.source().name())
                .param("by", request.requestedBy())
                .param("on", request.on())
                .param("previous", previousOn)
                .param("attempt", attempt)
                .param("result", result)
                .param("detail", json.writeValueAsString(detail == null ? Map.of() : detail))
                .update();
    }

    boolean exists(UUID actionId) {
        return jdbc.sql("SELECT count(*) FROM control.action_log WHERE action_id = :id")
                .param("id", actionId).query(Long.class).single() > 0;
    }

    Optional<ActionRecord> find(UUID actionId) {
        List<ActionRecord> found = summarise(jdbc.sql("""
                        SELECT * FROM control.action_log WHERE action_id = :id ORDER BY id
                        """).param("id", actionId).query(this::row).list());
        return found.stream().findFirst();
    }

    /** Actions that were requested and never finished: the process died while they were in flight. */
    List<ActionRecord> unfinished() {
        return summarise(jdbc.sql("""
                SELECT * FROM control.action_log l
                WHERE NOT EXISTS (SELECT 1 FROM control.action_log f
                                  WHERE f.action_id = l.action_id AND f.kind IN ('FINISHED', 'RECONCILED'))
                ORDER BY id
                """).query(this::row).list());
    }

    /** Actions whose latest settled result is UNKNOWN: their device could not be read yet. */
    List<ActionRecord> unknownOutcomes() {
        return summarise(jdbc.sql("""
                SELECT * FROM control.action_log
                WHERE action_id IN (
                    SELECT action_id FROM (
                        SELECT DISTINCT ON (action_id) action_id, result FROM control.action_log
                        WHERE kind IN ('FINISHED', 'RECONCILED')
                        ORDER BY action_id, id DESC) latest
                    WHERE latest.result = 'UNKNOWN')
                ORDER BY id
                """).query(this::row).list());
    }

    List<ActionRecord> history(String device, Source source, Instant from, Instant to, int limit) {
        List<LogRow> rows = jdbc.sql("""
                        SELECT * FROM control.action_log
                        WHERE action_id IN (
                            SELECT action_id FROM control.action_log
                            WHERE kind = 'REQUESTED' AND at >= :from AND at < :to
                              AND (CAST(:device AS text) IS NULL OR device = :device)
                              AND (CAST(:source AS text) IS NULL OR source = :source)
                            ORDER BY at DESC LIMIT :limit)
                        ORDER BY id
                        """)
                .param("from", Timestamp.from(from)).param("to", Timestamp.from(to))
                .param("device", device).param("source", source == null ? null : source.name())
                .param("limit", limit)
                .query(this::row).list();
        List<ActionRecord> actions = summarise(rows);
        actions.sort((a, b) -> b.requestedAt().compareTo(a.requestedAt()));
        return actions;
    }

    private List<ActionRecord> summarise(List<LogRow> rows) {
        Map<UUID, List<LogRow>> byAction = new LinkedHashMap<>();
        for (LogRow row : rows) {
            byAction.computeIfAbsent(row.actionId(), k -> new ArrayList<>()).add(row);
        }
        List<ActionRecord> actions = new ArrayList<>();
        byAction.values().forEach(events -> actions.add(ActionRecord.of(events)));
        return actions;
    }

    @SuppressWarnings("unchecked")
    private LogRow row(ResultSet rs, int n) throws SQLException {
        Object previous = rs.getObject("previous_on");
        Object attempt = rs.getObject("attempt");
        return new LogRow(rs.getObject("action_id", UUID.class), rs.getTimestamp("at").toInstant(),
                rs.getString("kind"), rs.getString("device"), Source.valueOf(rs.getString("source")),
                rs.getString("requested_by"), rs.getBoolean("requested_on"), (Boolean) previous,
                (Integer) attempt, rs.getString("result"),
                json.readValue(rs.getString("detail"), Map.class));
    }

    record LogRow(UUID actionId, Instant at, String kind, String device, Source source, String requestedBy,
                  boolean requestedOn, Boolean previousOn, Integer attempt, String result, Map<String, Object> detail) {
    }
}
