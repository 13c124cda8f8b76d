package io.commandcenter.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import io.commandcenter.engine.facts.ConfirmationMode;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** {@code engine.site_modes} and the switches between them ({@code engine.site_mode_switches}). */
@Repository
class SiteModeRepository {

    private final JdbcClient jdbc;

    SiteModeRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<SiteMode> findAll() {
        return jdbc.sql("SELECT * FROM engine.site_modes ORDER BY built_in DESC, name").query(SiteModeRepository::map)
                .list();
    }

    Optional<SiteMode> find(String name) {
        return jdbc.sql("SELECT * FROM engine.site_modes WHERE name = :name").param("name", name)
                .query(SiteModeRepository::map).optional();
    }

    void save(SiteMode mode, String by) {
        jdbc.sql("""
                INSERT INTO engine.site_modes (name, description, min_soc, pause_miners_below, resume_miners_above,
                                               confirmation, built_in, updated_at, updated_by)
                VALUES (:name, :description, :min, :pause, :resume, :confirmation, false, now(), :by)
                ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description, min_soc = EXCLUDED.min_soc,
                    pause_miners_below = EXCLUDED.pause_miners_below, resume_miners_above = EXCLUDED.resume_miners_above,
                    confirmation = EXCLUDED.confirmation, updated_at = now(), updated_by = EXCLUDED.updated_by""")
                .param("name", mode.name()).param("description", mode.description()).param("min", mode.minSoc())
                .param("pause", mode.pauseMinersBelow()).param("resume", mode.resumeMinersAbove())
                .param("confirmation", mode.confirmation() == null ? null : mode.confirmation().name())
                .param("by", by).update();
    }

    boolean delete(String name) {
        return jdbc.sql("DELETE FROM engine.site_modes WHERE name = :name AND NOT built_in").param("name", name)
                .update() > 0;
    }

    Optional<SiteModeSwitch> latestSwitch() {
        return jdbc.sql("SELECT * FROM engine.site_mode_switches ORDER BY id DESC LIMIT 1")
                .query(SiteModeRepository::mapSwitch).optional();
    }

    List<SiteModeSwitch> switches(int limit) {
        return jdbc.sql("SELECT * FROM engine.site_mode_switches ORDER BY id DESC LIMIT :limit").param("limit", limit)
                .query(SiteModeRepository::mapSwitch).list();
    }

    /** Per switcher ("otto", "if-then / storm", "schedule / away"): how many switches since {@code since}, and when last. */
    java.util.Map<String, DecisionRepository.RuleActivity> switchesBySince(Instant since) {
        java.util.Map<String, DecisionRepository.RuleActivity> out = new java.util.LinkedHashMap<>();
        jdbc.sql("""
                SELECT switched_by, count(*) AS switches, max(switched_at) AS last FROM engine.site_mode_switches
                WHERE switched_at >= :since GROUP BY switched_by""")
                .param("since", Timestamp.from(since))
                .query((rs, n) -> out.put(rs.getString("switched_by"), new DecisionRepository.RuleActivity(
                        rs.getLong("switches"), rs.getTimestamp("last").toInstant())))
                .list();
        return out;
    }

    void recordSwitch(SiteModeSwitch s) {
        jdbc.sql("""
                INSERT INTO engine.site_mode_switches (mode, switched_at, switched_by, reason)
                VALUES (:mode, :at, :by, :reason)""")
                .param("mode", s.mode()).param("at", Timestamp.from(s.at())).param("by", s.by())
                .param("reason", s.reason()).update();
    }

    private static SiteMode map(ResultSet rs, int n) throws SQLException {
        String confirmation = rs.getString("confirmation");
        return new SiteMode(rs.getString("name"), rs.getString("description"), number(rs, "min_soc"),
                number(rs, "pause_miners_below"), number(rs, "resume_miners_above"),
                confirmation == null ? null : ConfirmationMode.valueOf(confirmation), rs.getBoolean("built_in"));
    }

    private static SiteModeSwitch mapSwitch(ResultSet rs, int n) throws SQLException {
        return new SiteModeSwitch(rs.getString("mode"), rs.getTimestamp("switched_at").toInstant(), rs.getString("switched_by"),
                rs.getString("reason"));
    }

    private static Double number(ResultSet rs, String column) throws SQLException {
        double value = rs.getDouble(column);
        return rs.wasNull() ? null : value;
    }
}
