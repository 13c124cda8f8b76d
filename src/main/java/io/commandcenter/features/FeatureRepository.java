package io.commandcenter.features;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code features.overrides} (one row per overridden flag) and the audit of every change, {@code features.changes}. */
@Repository
class FeatureRepository {

    private static final Log log = LogFactory.getLog(FeatureRepository.class);

    private final JdbcClient jdbc;

    FeatureRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Map<Feature, FeatureOverride> overrides() {
        Map<Feature, FeatureOverride> out = new LinkedHashMap<>();
        jdbc.sql("SELECT * FROM features.overrides ORDER BY flag").query(rs -> {
            String flag = rs.getString("flag");
            var feature = Feature.parse(flag);
            if (feature.isEmpty()) {
                // a flag a later version removed: its override means nothing any more
                log.warn("Ignoring the stored override of an unknown feature flag " + flag);
                return;
            }
            out.put(feature.get(), new FeatureOverride(rs.getBoolean("enabled"), rs.getString("set_by"),
                    rs.getTimestamp("set_at").toInstant(), rs.getString("reason")));
        });
        return out;
    }

    void saveOverride(Feature feature, FeatureOverride o) {
        jdbc.sql("""
                INSERT INTO features.overrides (flag, enabled, set_by, set_at, reason)
                VALUES (:flag, :enabled, :by, :at, :reason)
                ON CONFLICT (flag) DO UPDATE SET enabled = EXCLUDED.enabled, set_by = EXCLUDED.set_by,
                    set_at = EXCLUDED.set_at, reason = EXCLUDED.reason""")
                .param("flag", feature.name()).param("enabled", o.enabled()).param("by", o.by())
                .param("at", Timestamp.from(o.at())).param("reason", o.reason()).update();
    }

    void deleteOverride(Feature feature) {
        jdbc.sql("DELETE FROM features.overrides WHERE flag = :flag").param("flag", feature.name()).update();
    }

    void recordChange(Feature feature, Boolean override, boolean wasEnabled, boolean enabled, String by, Instant at,
                      String reason) {
        jdbc.sql("""
                INSERT INTO features.changes (flag, override, was_enabled, enabled, changed_by, changed_at, reason)
                VALUES (:flag, :override, :was, :enabled, :by, :at, :reason)""")
                .param("flag", feature.name()).param("override", override).param("was", wasEnabled)
                .param("enabled", enabled).param("by", by).param("at", Timestamp.from(at)).param("reason", reason)
                .update();
    }

    /** The latest changes, newest first; of one flag when {@code feature} is not null. */
    List<FeatureChange> changes(Feature feature, int limit) {
        return jdbc.sql("""
                SELECT * FROM features.changes WHERE (CAST(:flag AS text) IS NULL OR flag = :flag)
                ORDER BY id DESC LIMIT :limit""")
                .param("flag", feature == null ? null : feature.name()).param("limit", limit)
                .query(FeatureRepository::change).list().stream().filter(c -> c.feature() != null).toList();
    }

    private static FeatureChange change(ResultSet rs, int n) throws SQLException {
        boolean override = rs.getBoolean("override");
        Boolean overrideOrNull = rs.wasNull() ? null : override;
        return new FeatureChange(rs.getLong("id"), Feature.parse(rs.getString("flag")).orElse(null), overrideOrNull,
                rs.getBoolean("was_enabled"), rs.getBoolean("enabled"), rs.getString("changed_by"),
                rs.getTimestamp("changed_at").toInstant(), rs.getString("reason"));
    }
}
