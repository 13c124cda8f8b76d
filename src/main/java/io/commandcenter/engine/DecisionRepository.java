package io.commandcenter.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class DecisionRepository {

    private static final TypeReference<List<String>> STRINGS = new TypeReference<>() { };
    private static final TypeReference<LinkedHashMap<String, List<String>>> FACTS = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    DecisionRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Appends a decision; a request judged again (approved later) gets a second row. */
    void save(String site, ActionRequest request, Decision d) {
        jdbc.sql("""
                INSERT INTO engine.decisions (request_id, site, device, switch_on, source, requested_by, request_reason,
                    requested_at, outcome, reasons, fired_rules, facts, hold_until, decided_at, rule_set_version)
                VALUES (:id, :site, :device, :on, :source, :by, :reason, :at, :outcome, CAST(:reasons AS jsonb),
                    CAST(:rules AS jsonb), CAST(:facts AS jsonb), :hold, :decided, :version)
                """).param("id", d.requestId()).param("site", site).param("device", d.device()).param("on", d.on())
                .param("source", d.source().name()).param("by", noNul(d.requestedBy())).param("reason", noNul(request.reason()))
                .param("at", Timestamp.from(request.at())).param("outcome", d.outcome().name())
                .param("reasons", json.writeValueAsString(d.reasons()))
                .param("rules", json.writeValueAsString(d.firedRules()))
                .param("facts", json.writeValueAsString(d.facts()))
                .param("hold", d.holdUntil() == null ? null : Timestamp.from(d.holdUntil()))
                .param("decided", Timestamp.from(d.decidedAt())).param("version", d.ruleSetVersion()).update();
    }

    /** PostgreSQL text cannot hold NUL (a chat question may carry one). */
    private static String noNul(String text) {
        return text == null ? "" : text.replace("\u0000", "");
    }

    /** Newest first, at most 500; every filter is optional. */
    List<Decision> find(Instant from, Instant to, String device) {
        return jdbc.sql("""
                SELECT * FROM engine.decisions
                WHERE (CAST(:from AS timestamptz) IS NULL OR decided_at >= :from)
                  AND (CAST(:to AS timestamptz) IS NULL OR decided_at < :to)
                  AND (CAST(:device AS text) IS NULL OR device = :device)
                ORDER BY decided_at DESC, seq DESC LIMIT 500
                """).param("from", from == null ? null : Timestamp.from(from))
                .param("to", to == null ? null : Timestamp.from(to)).param("device", device)
                .query(this::map).list();
    }

    private Decision map(ResultSet rs, int row) throws SQLException {
        Timestamp hold = rs.getTimestamp("hold_until");
        Map<String, List<String>> facts = json.readValue(rs.getString("facts"), FACTS);
        return new Decision(rs.getObject("request_id", UUID.class), rs.getString("device"), rs.getBoolean("switch_on"),
                Source.valueOf(rs.getString("source")), rs.getString("requested_by"),
                Decision.Outcome.valueOf(rs.getString("outcome")), json.readValue(rs.getString("reasons"), STRINGS),
                json.readValue(rs.getString("fired_rules"), STRINGS), facts, hold == null ? null : hold.toInstant(),
                rs.getTimestamp("decided_at").toInstant(), rs.getInt("rule_set_version"));
    }

    /** How often a rule took part in a decision since {@code since}, and when last. */
    record RuleActivity(long decisions, Instant last) {
    }

    /** Per rule name (as decisions list their fired rules: shipped rules, "table / row", "if-then / name"). */
    Map<String, RuleActivity> activitySince(Instant since) {
        Map<String, RuleActivity> out = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT rule, count(*) AS decisions, max(decided_at) AS last
                FROM engine.decisions, jsonb_array_elements_text(fired_rules) AS rule
                WHERE decided_at >= :since GROUP BY rule""")
                .param("since", Timestamp.from(since))
                .query((rs, n) -> out.put(rs.getString("rule"), new RuleActivity(rs.getLong("decisions"),
                        rs.getTimestamp("last").toInstant())))
                .list();
        return out;
    }

    /** The latest decisions on requests automation made (rules, tables, if/then rules), newest first. */
    /** An if/then rule asked for a notice (the notify feature sends it). */
    void recordNotice(String rule, Instant at, boolean critical) {
        jdbc.sql("INSERT INTO engine.rule_notices (rule, asked_at, critical) VALUES (:rule, :at, :critical)")
                .param("rule", rule).param("at", Timestamp.from(at)).param("critical", critical).update();
    }

    /** The notices each rule asked for since {@code since}, as activity. */
    Map<String, RuleActivity> noticesSince(Instant since) {
        Map<String, RuleActivity> out = new LinkedHashMap<>();
        jdbc.sql("""
                SELECT rule, count(*) AS notices, max(asked_at) AS last FROM engine.rule_notices
                WHERE asked_at >= :since GROUP BY rule""")
                .param("since", Timestamp.from(since))
                .query((rs, n) -> out.put(rs.getString("rule"), new RuleActivity(rs.getLong("notices"),
                        rs.getTimestamp("last").toInstant())))
                .list();
        return out;
    }

    List<Decision> recentAutomation(int limit) {
        return jdbc.sql("""
                SELECT * FROM engine.decisions WHERE source = 'AUTOMATION'
                ORDER BY decided_at DESC, seq DESC LIMIT :limit""")
                .param("limit", limit).query(this::map).list();
    }
}
