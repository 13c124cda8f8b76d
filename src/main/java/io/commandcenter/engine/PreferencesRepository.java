package io.commandcenter.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.LocalTime;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

@Repository
class PreferencesRepository {

    private final JdbcClient jdbc;

    PreferencesRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Optional<Preferences> find() {
        return jdbc.sql("SELECT * FROM engine.preferences").query(PreferencesRepository::map).optional();
    }

    void save(Preferences p, String by) {
        jdbc.sql("""
                INSERT INTO engine.preferences (id, critical_soc, min_soc, target_soc, pause_miners_below,
                    resume_miners_above, max_grid_draw_watts, solar_priority_from, solar_priority_until, quiet_from,
                    quiet_until, miner_cooldown_minutes, manual_hold_minutes, pause_confirm_minutes, battery_capacity_kwh,
                    auto_pause_miners, updated_by, updated_at)
                VALUES (true, :critical, :min, :target, :pause, :resume, :grid, :solarFrom, :solarUntil, :quietFrom,
                    :quietUntil, :cooldown, :hold, :confirm, :capacity, :autoPause, :by, now())
                ON CONFLICT (id) DO UPDATE SET critical_soc = EXCLUDED.critical_soc, min_soc = EXCLUDED.min_soc,
                    target_soc = EXCLUDED.target_soc, pause_miners_below = EXCLUDED.pause_miners_below,
                    resume_miners_above = EXCLUDED.resume_miners_above, max_grid_draw_watts = EXCLUDED.max_grid_draw_watts,
                    solar_priority_from = EXCLUDED.solar_priority_from, solar_priority_until = EXCLUDED.solar_priority_until,
                    quiet_from = EXCLUDED.quiet_from, quiet_until = EXCLUDED.quiet_until,
                    miner_cooldown_minutes = EXCLUDED.miner_cooldown_minutes,
                    manual_hold_minutes = EXCLUDED.manual_hold_minutes,
                    pause_confirm_minutes = EXCLUDED.pause_confirm_minutes,
                    battery_capacity_kwh = EXCLUDED.battery_capacity_kwh,
                    auto_pause_miners = EXCLUDED.auto_pause_miners,
                    updated_by = EXCLUDED.updated_by, updated_at = now()
                """)
                .param("critical", p.criticalSoc()).param("min", p.minSoc()).param("target", p.targetSoc())
                .param("pause", p.pauseMinersBelow()).param("resume", p.resumeMinersAbove())
                .param("grid", p.maxGridDrawWatts()).param("solarFrom", time(p.solarPriorityFrom()))
                .param("solarUntil", time(p.solarPriorityUntil())).param("quietFrom", time(p.quietFrom()))
                .param("quietUntil", time(p.quietUntil())).param("cooldown", p.minerCooldownMinutes())
                .param("hold", p.manualHoldMinutes()).param("confirm", p.pauseConfirmMinutes())
                .param("capacity", p.batteryCapacityKwh()).param("autoPause", p.autoPauseMiners()).param("by", by)
                .update();
    }

    void delete() {
        jdbc.sql("DELETE FROM engine.preferences").update();
    }

    private static Time time(LocalTime t) {
        return t == null ? null : Time.valueOf(t);
    }

    private static LocalTime localTime(ResultSet rs, String column) throws SQLException {
        Time t = rs.getTime(column);
        return t == null ? null : t.toLocalTime();
    }

    private static Preferences map(ResultSet rs, int row) throws SQLException {
        return new Preferences(rs.getDouble("critical_soc"), rs.getDouble("min_soc"), rs.getDouble("target_soc"),
                rs.getDouble("pause_miners_below"), rs.getDouble("resume_miners_above"),
                rs.getDouble("max_grid_draw_watts"), localTime(rs, "solar_priority_from"),
                localTime(rs, "solar_priority_until"), localTime(rs, "quiet_from"), localTime(rs, "quiet_until"),
                rs.getInt("miner_cooldown_minutes"), rs.getInt("manual_hold_minutes"), rs.getInt("pause_confirm_minutes"),
                rs.getDouble("battery_capacity_kwh"), rs.getBoolean("auto_pause_miners"));
    }
}
