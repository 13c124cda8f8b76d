package io.commandcenter.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

@Repository
class RuleSetVersionRepository {

    private static final TypeReference<LinkedHashMap<String, String>> FILES = new TypeReference<>() { };
    private static final TypeReference<List<DecisionTable>> TABLES = new TypeReference<>() { };
    private static final TypeReference<List<IfThenRule>> IF_THEN_RULES = new TypeReference<>() { };

    private final JdbcClient jdbc;
    private final JsonMapper json;

    RuleSetVersionRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Records a new active version and returns its number. {@code workspaceHash} is the content
     * hash of the rules folder and tables as they are now (for a rollback, not the rules that run).
     */
    @Transactional
    int activate(RuleSet rules, List<DecisionTable> tables, String by, String source, String workspaceHash) {
        Map<String, String> files = new LinkedHashMap<>();
        rules.files().forEach(f -> files.put(f.name(), f.content()));
        jdbc.sql("UPDATE engine.rule_set_versions SET active = false WHERE active").update();
        return jdbc.sql("""
                INSERT INTO engine.rule_set_versions (activated_by, source, content_hash, files, tables, build_millis,
                                                      active, workspace_hash, if_then_rules)
                VALUES (:by, :source, :hash, CAST(:files AS jsonb), CAST(:tables AS jsonb), :millis, true, :workspace,
                        CAST(:ifThen AS jsonb))
                RETURNING version
                """).param("by", by).param("source", source).param("hash", rules.contentHash())
                .param("workspace", workspaceHash).param("ifThen", json.writeValueAsString(rules.ifThenRules()))
                .param("files", json.writeValueAsString(files)).param("tables", json.writeValueAsString(tables))
                .param("millis", rules.buildTime().toMillis()).query(Integer.class).single();
    }

    /** {@code failed} failed on probation: it is no longer active, {@code restored} is again, and why is kept. */
    @Transactional
    void recordFailure(int failed, int restored, String reason) {
        jdbc.sql("UPDATE engine.rule_set_versions SET active = false, failure = :reason, failed_at = now() WHERE version = :v")
                .param("reason", reason).param("v", failed).update();
        jdbc.sql("UPDATE engine.rule_set_versions SET active = (version = :v)").param("v", restored).update();
    }

    /** The latest version with this content hash that failed on probation, if any. */
    Optional<RuleSetVersion> findFailed(String contentHash) {
        return jdbc.sql("""
                SELECT * FROM engine.rule_set_versions WHERE content_hash = :hash AND failure IS NOT NULL
                ORDER BY version DESC LIMIT 1
                """).param("hash", contentHash).query(this::map).optional();
    }

    List<RuleSetVersion> findAll() {
        return jdbc.sql("SELECT * FROM engine.rule_set_versions ORDER BY version DESC").query(this::map).list();
    }

    Optional<RuleSetVersion> find(int version) {
        return jdbc.sql("SELECT * FROM engine.rule_set_versions WHERE version = :v").param("v", version)
                .query(this::map).optional();
    }

    Optional<RuleSetVersion> findActive() {
        return jdbc.sql("SELECT * FROM engine.rule_set_versions WHERE active").query(this::map).optional();
    }

    /** The decision tables recorded with a version (empty when none were, as for old rollbacks). */
    List<DecisionTable> tables(int version) {
        String tables = jdbc.sql("SELECT tables FROM engine.rule_set_versions WHERE version = :v").param("v", version)
                .query(String.class).optional().orElse(null);
        return tables == null ? List.of() : json.readValue(tables, TABLES);
    }

    /** The if/then rules a version ran with; empty when it recorded none (made before versions kept them). */
    Optional<List<IfThenRule>> ifThenRules(int version) {
        String rules = jdbc.sql("SELECT if_then_rules FROM engine.rule_set_versions WHERE version = :v")
                .param("v", version).query(String.class).optional().orElse(null);
        return rules == null ? Optional.empty() : Optional.of(json.readValue(rules, IF_THEN_RULES));
    }

    /** Whether a version recorded its tables (versions of old rollbacks did not). */
    boolean recordedTables(int version) {
        return jdbc.sql("SELECT tables IS NOT NULL FROM engine.rule_set_versions WHERE version = :v")
                .param("v", version).query(Boolean.class).optional().orElse(false);
    }

    private RuleSetVersion map(ResultSet rs, int row) throws SQLException {
        return new RuleSetVersion(rs.getInt("version"), rs.getTimestamp("activated_at").toInstant(),
                rs.getString("activated_by"), rs.getString("source"), rs.getString("content_hash"),
                json.readValue(rs.getString("files"), FILES), rs.getLong("build_millis"), rs.getBoolean("active"),
                rs.getString("workspace_hash"), rs.getString("failure"),
                rs.getTimestamp("failed_at") == null ? null : rs.getTimestamp("failed_at").toInstant());
    }
}
