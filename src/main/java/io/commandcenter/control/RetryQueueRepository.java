package io.commandcenter.control;

import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Automated and protective actions whose device was offline, waiting for it to come back. */
@Repository
class RetryQueueRepository {

    private final JdbcClient jdbc;

    RetryQueueRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    void enqueue(ActionRequest request, Instant now, Duration after) {
        jdbc.sql("""
                        INSERT INTO control.retry_queue (action_id, device, queued_at, next_try_at)
                        VALUES (:id, :device, :now, :next)
                        ON CONFLICT (action_id) DO NOTHING
                        """)
                .param("id", request.id()).param("device", request.device())
                .param("now", Timestamp.from(now)).param("next", Timestamp.from(now.plus(after)))
                .update();
    }

    List<Queued> due(Instant now) {
        return jdbc.sql("""
                        SELECT action_id, device, queued_at, tries FROM control.retry_queue
                        WHERE next_try_at <= :now ORDER BY queued_at
                        """)
                .param("now", Timestamp.from(now))
                .query((rs, n) -> new Queued(rs.getObject("action_id", UUID.class), rs.getString("device"),
                        rs.getTimestamp("queued_at").toInstant(), rs.getInt("tries")))
                .list();
    }

    List<Queued> all() {
        return jdbc.sql("SELECT action_id, device, queued_at, tries FROM control.retry_queue ORDER BY queued_at")
                .query((rs, n) -> new Queued(rs.getObject("action_id", UUID.class), rs.getString("device"),
                        rs.getTimestamp("queued_at").toInstant(), rs.getInt("tries")))
                .list();
    }

    /** Queued actions with what they ask for and who asked, from the action log. */
    List<ActionRetries.WaitingAction> waiting() {
        return jdbc.sql("""
                        SELECT q.action_id, q.device, q.queued_at, q.tries, l.requested_on, l.source, l.requested_by,
                               l.detail ->> 'reason' AS reason
                        FROM control.retry_queue q
                        JOIN control.action_log l ON l.action_id = q.action_id AND l.kind = 'REQUESTED'
                        ORDER BY q.queued_at
                        """)
                .query((rs, n) -> new ActionRetries.WaitingAction(rs.getObject("action_id", UUID.class),
                        rs.getString("device"), rs.getBoolean("requested_on"), Source.valueOf(rs.getString("source")),
                        rs.getString("requested_by"), rs.getString("reason"), rs.getTimestamp("queued_at").toInstant(),
                        rs.getInt("tries")))
                .list();
    }

    void postpone(UUID actionId, Instant next) {
        jdbc.sql("UPDATE control.retry_queue SET next_try_at = :next, tries = tries + 1 WHERE action_id = :id")
                .param("id", actionId).param("next", Timestamp.from(next)).update();
    }

    void remove(UUID actionId) {
        jdbc.sql("DELETE FROM control.retry_queue WHERE action_id = :id").param("id", actionId).update();
    }

    record Queued(UUID actionId, String device, Instant queuedAt, int tries) {
    }
}
