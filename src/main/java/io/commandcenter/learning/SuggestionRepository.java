package io.commandcenter.learning;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.commandcenter.engine.IfThenRule;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code learning.suggestions}: one row per thing suggested (by key), with its evidence, dry run and fate. */
@Repository
class SuggestionRepository {

    private static final TypeReference<List<Long>> IDS = new TypeReference<>() { };
    private static final TypeReference<List<String>> LINES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    SuggestionRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The suggestion with this key, whatever became of it. */
    Optional<Suggestion> byKey(String key) {
        return jdbc.sql("SELECT * FROM learning.suggestions WHERE key = :key").param("key", key)
                .query((rs, n) -> map(rs)).optional();
    }

    Optional<Suggestion> find(long id) {
        return jdbc.sql("SELECT * FROM learning.suggestions WHERE id = :id").param("id", id)
                .query((rs, n) -> map(rs)).optional();
    }

    List<Suggestion> all() {
        return jdbc.sql("SELECT * FROM learning.suggestions ORDER BY status, confidence DESC, id")
                .query((rs, n) -> map(rs)).list();
    }

    Optional<Integer> dismissedWith(String key) {
        return jdbc.sql("SELECT dismissed_with FROM learning.suggestions WHERE key = :key").param("key", key)
                .query(Integer.class).optional();
    }

    /** Stores a new or renewed suggestion (offered or withheld), keeping what a dismissal remembered. */
    void offer(Suggestion s) {
        jdbc.sql("""
                INSERT INTO learning.suggestions (kind, key, title, rule, confidence, evidence, approvals_saved, dry_run,
                    status, why, created_at, setting_value)
                VALUES (:kind, :key, :title, CAST(:rule AS jsonb), :confidence, CAST(:evidence AS jsonb), :saved,
                    CAST(:dryRun AS jsonb), :status, :why, :at, :value)
                ON CONFLICT (key) DO UPDATE SET kind = EXCLUDED.kind, title = EXCLUDED.title, rule = EXCLUDED.rule,
                    confidence = EXCLUDED.confidence, evidence = EXCLUDED.evidence,
                    approvals_saved = EXCLUDED.approvals_saved, dry_run = EXCLUDED.dry_run, status = EXCLUDED.status,
                    why = EXCLUDED.why, created_at = EXCLUDED.created_at, decided_at = NULL, decided_by = NULL,
                    setting_value = EXCLUDED.setting_value""")
                .param("kind", s.kind().name()).param("key", s.key()).param("title", s.title())
                .param("rule", s.rule() == null ? null : json.writeValueAsString(s.rule()))
                .param("confidence", s.confidence()).param("evidence", json.writeValueAsString(s.evidence()))
                .param("saved", s.approvalsSaved()).param("dryRun", json.writeValueAsString(s.dryRun()))
                .param("status", s.status().name()).param("why", s.why()).param("at", Timestamp.from(s.createdAt()))
                .param("value", s.value()).update();
    }

    /** Accepted or dismissed by a person; only an offered suggestion can be. */
    boolean decide(long id, Suggestion.Status status, String by, Instant at) {
        return jdbc.sql("""
                UPDATE learning.suggestions SET status = :status, decided_by = :by, decided_at = :at,
                    dismissed_with = CASE WHEN :status = 'DISMISSED' THEN jsonb_array_length(evidence) ELSE dismissed_with END
                WHERE id = :id AND status = 'OFFERED'""")
                .param("status", status.name()).param("by", by).param("at", Timestamp.from(at)).param("id", id)
                .update() == 1;
    }

    private Suggestion map(ResultSet rs) throws SQLException {
        String rule = rs.getString("rule");
        Timestamp decided = rs.getTimestamp("decided_at");
        return new Suggestion(rs.getLong("id"), Suggestion.Kind.valueOf(rs.getString("kind")), rs.getString("key"),
                rs.getString("title"), rule == null ? null : json.readValue(rule, IfThenRule.class),
                rs.getDouble("confidence"), json.readValue(rs.getString("evidence"), IDS), rs.getInt("approvals_saved"),
                json.readValue(rs.getString("dry_run"), LINES), Suggestion.Status.valueOf(rs.getString("status")),
                rs.getString("why"), rs.getTimestamp("created_at").toInstant(),
                decided == null ? null : decided.toInstant(), rs.getString("decided_by"), value(rs));
    }

    private static Double value(ResultSet rs) throws SQLException {
        double v = rs.getDouble("setting_value");
        return rs.wasNull() ? null : v;
    }
}
