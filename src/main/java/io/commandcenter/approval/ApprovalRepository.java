package io.commandcenter.approval;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import io.commandcenter.approval.PendingAction.State;
import io.commandcenter.engine.Source;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Pending actions. Every state change is a conditional UPDATE, so two answers cannot both win. */
@Repository
class ApprovalRepository {

    private static final String COLUMNS = """
            id, short_code, device, turn_on, source, requested_by, reason, why, requested_at, created_at,
            expires_at, state, resolved_by, resolved_via, resolved_at, result, result_detail
            """;

    private final JdbcClient jdbc;

    ApprovalRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** @return false when the short code is taken by another pending action */
    boolean insert(PendingAction a) {
        return jdbc.sql("""
                        INSERT INTO approval.pending_actions (id, short_code, device, turn_on, source, requested_by,
                            reason, why, requested_at, created_at, expires_at, state)
                        VALUES (:id, :code, :device, :on, :source, :by, :reason, :why, :requestedAt, :createdAt,
                            :expiresAt, 'PENDING')
                        ON CONFLICT DO NOTHING
                        """)
                .param("id", a.id()).param("code", a.shortCode()).param("device", a.device()).param("on", a.on())
                .param("source", a.source().name()).param("by", a.requestedBy()).param("reason", a.reason())
                .param("why", a.why()).param("requestedAt", ts(a.requestedAt())).param("createdAt", ts(a.createdAt()))
                .param("expiresAt", ts(a.expiresAt()))
                .update() == 1;
    }

    Optional<PendingAction> find(UUID id) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM approval.pending_actions WHERE id = :id")
                .param("id", id).query(ApprovalRepository::row).optional();
    }

    /** The newest action that carries this code (pending ones first), so a late "YES 4821" is answered. */
    Optional<PendingAction> findByCode(String code) {
        return jdbc.sql("SELECT " + COLUMNS + """
                         FROM approval.pending_actions WHERE short_code = :code
                        ORDER BY (state = 'PENDING') DESC, created_at DESC LIMIT 1
                        """)
                .param("code", code).query(ApprovalRepository::row).optional();
    }

    List<PendingAction> pending() {
        return jdbc.sql("SELECT " + COLUMNS + " FROM approval.pending_actions WHERE state = 'PENDING' ORDER BY created_at")
                .query(ApprovalRepository::row).list();
    }

    List<PendingAction> recent(int limit) {
        return jdbc.sql("SELECT " + COLUMNS + " FROM approval.pending_actions ORDER BY created_at DESC LIMIT :limit")
                .param("limit", limit).query(ApprovalRepository::row).list();
    }

    /** Moves a pending, unexpired action to APPROVED or REJECTED. @return true for the one answer that wins */
    boolean resolve(UUID id, State to, String by, String via, Instant now) {
        return jdbc.sql("""
                        UPDATE approval.pending_actions
                        SET state = :to, resolved_by = :by, resolved_via = :via, resolved_at = :now
                        WHERE id = :id AND state = 'PENDING' AND expires_at > :now
                        """)
                .param("to", to.name()).param("by", by).param("via", via).param("now", ts(now)).param("id", id)
                .update() == 1;
    }

    /**
     * Ends waiting actions a manual command took over: the ones the engine named, and any other
     * pending one on that device created before the command.
     *
     * @return the actions this call superseded
     */
    List<PendingAction> supersede(List<UUID> ids, String device, String by, String detail, Instant now) {
        return jdbc.sql("""
                        UPDATE approval.pending_actions
                        SET state = 'SUPERSEDED', resolved_by = :by, resolved_via = 'MANUAL', resolved_at = :now,
                            result = 'SUPERSEDED', result_detail = :detail
                        WHERE state = 'PENDING' AND (id = ANY(:ids) OR (device = :device AND created_at <= :now))
                        RETURNING """ + " " + COLUMNS)
                .param("by", by).param("now", ts(now)).param("detail", detail)
                .param("ids", ids.toArray(new UUID[0])).param("device", device)
                .query(ApprovalRepository::row).list();
    }

    /** Records how an approved action ended (EXECUTED or FAILED). */
    void finish(UUID id, State to, String result, String detail) {
        jdbc.sql("""
                        UPDATE approval.pending_actions SET state = :to, result = :result, result_detail = :detail
                        WHERE id = :id AND state = 'APPROVED'
                        """)
                .param("to", to.name()).param("result", result).param("detail", detail).param("id", id).update();
    }

    /** Marks overdue pending actions expired. @return the ones this call expired */
    List<PendingAction> expireDue(Instant now) {
        return jdbc.sql("UPDATE approval.pending_actions SET state = 'EXPIRED', resolved_at = :now "
                        + "WHERE state = 'PENDING' AND expires_at <= :now RETURNING " + COLUMNS)
                .param("now", ts(now)).query(ApprovalRepository::row).list();
    }

    /** @return true the first time a signed link for this action and decision is used */
    boolean useLink(UUID id, String decision, Instant now) {
        return jdbc.sql("""
                        INSERT INTO approval.used_links (action_id, decision, used_at) VALUES (:id, :decision, :now)
                        ON CONFLICT DO NOTHING
                        """)
                .param("id", id).param("decision", decision).param("now", ts(now)).update() == 1;
    }

    /** The stored secret, created with the given value when absent (first run). */
    String secret(String name, String candidate) {
        jdbc.sql("INSERT INTO approval.secrets (name, value) VALUES (:name, :value) ON CONFLICT DO NOTHING")
                .param("name", name).param("value", candidate).update();
        return jdbc.sql("SELECT value FROM approval.secrets WHERE name = :name").param("name", name)
                .query(String.class).single();
    }

    private static PendingAction row(ResultSet rs, int n) throws SQLException {
        return new PendingAction(rs.getObject("id", UUID.class), rs.getString("short_code"), rs.getString("device"),
                rs.getBoolean("turn_on"), Source.valueOf(rs.getString("source")), rs.getString("requested_by"),
                rs.getString("reason"), rs.getString("why"), instant(rs, "requested_at"), instant(rs, "created_at"),
                instant(rs, "expires_at"), State.valueOf(rs.getString("state")), rs.getString("resolved_by"),
                rs.getString("resolved_via"), instant(rs, "resolved_at"), rs.getString("result"),
                rs.getString("result_detail"));
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        Timestamp t = rs.getTimestamp(column);
        return t == null ? null : t.toInstant();
    }

    private static Timestamp ts(Instant i) {
        return Timestamp.from(i);
    }
}
