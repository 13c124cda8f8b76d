package io.commandcenter.engine;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Time;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import io.commandcenter.device.DeviceType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

@Repository
class DecisionTableRepository {

    private final JdbcClient jdbc;

    DecisionTableRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    List<DecisionTable> findAll() {
        List<DecisionTable> tables = new ArrayList<>();
        for (DecisionTable t : jdbc.sql("SELECT name, description, enabled FROM engine.decision_tables ORDER BY name")
                .query((rs, i) -> new DecisionTable(rs.getString("name"), rs.getString("description"),
                        rs.getBoolean("enabled"), List.of())).list()) {
            tables.add(new DecisionTable(t.name(), t.description(), t.enabled(), rows(t.name())));
        }
        return tables;
    }

    Optional<DecisionTable> find(String name) {
        return findAll().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    /** Replaces the table and all its rows. */
    @Transactional
    void save(DecisionTable table, String by) {
        jdbc.sql("""
                INSERT INTO engine.decision_tables (name, description, enabled, updated_by, updated_at)
                VALUES (:name, :description, :enabled, :by, now())
                ON CONFLICT (name) DO UPDATE SET description = EXCLUDED.description, enabled = EXCLUDED.enabled,
                    updated_by = EXCLUDED.updated_by, updated_at = now()
                """).param("name", table.name()).param("description", table.description())
                .param("enabled", table.enabled()).param("by", by).update();
        jdbc.sql("DELETE FROM engine.decision_table_rows WHERE table_name = :name").param("name", table.name()).update();
        for (TableRow r : table.rows()) {
            jdbc.sql("""
                    INSERT INTO engine.decision_table_rows (table_name, row_no, name, soc_from, soc_below, pv_from,
                        pv_below, load_from, load_below, grid_from, grid_below, time_from, time_until, weekdays, device,
                        device_type, switch_on, priority, cooldown_minutes, enabled)
                    VALUES (:table, :row, :name, :socFrom, :socBelow, :pvFrom, :pvBelow, :loadFrom, :loadBelow,
                        :gridFrom, :gridBelow, :timeFrom, :timeUntil, :weekdays, :device, :type, :on, :priority,
                        :cooldown, :enabled)
                    """).param("table", table.name()).param("row", r.row()).param("name", r.name())
                    .param("socFrom", r.socFrom()).param("socBelow", r.socBelow())
                    .param("pvFrom", r.pvFrom()).param("pvBelow", r.pvBelow())
                    .param("loadFrom", r.loadFrom()).param("loadBelow", r.loadBelow())
                    .param("gridFrom", r.gridFrom()).param("gridBelow", r.gridBelow())
                    .param("timeFrom", time(r.timeFrom())).param("timeUntil", time(r.timeUntil()))
                    .param("weekdays", r.weekdays()).param("device", r.device())
                    .param("type", r.deviceType() == null ? null : r.deviceType().name()).param("on", r.on())
                    .param("priority", r.priority()).param("cooldown", r.cooldownMinutes()).param("enabled", r.enabled())
                    .update();
        }
    }

    /** Makes the stored tables exactly {@code wanted} (a rollback restores the tables of its version). */
    @Transactional
    void replaceAll(List<DecisionTable> wanted, String by) {
        List<String> names = wanted.stream().map(DecisionTable::name).toList();
        findAll().stream().map(DecisionTable::name).filter(n -> !names.contains(n)).forEach(this::delete);
        wanted.forEach(t -> save(t, by));
    }

    boolean delete(String name) {
        return jdbc.sql("DELETE FROM engine.decision_tables WHERE name = :name").param("name", name).update() > 0;
    }

    private List<TableRow> rows(String table) {
        return jdbc.sql("SELECT * FROM engine.decision_table_rows WHERE table_name = :name ORDER BY row_no")
                .param("name", table).query(DecisionTableRepository::row).list();
    }

    private static TableRow row(ResultSet rs, int i) throws SQLException {
        String type = rs.getString("device_type");
        return new TableRow(rs.getInt("row_no"), rs.getString("name"), d(rs, "soc_from"), d(rs, "soc_below"),
                d(rs, "pv_from"), d(rs, "pv_below"), d(rs, "load_from"), d(rs, "load_below"), d(rs, "grid_from"),
                d(rs, "grid_below"), t(rs, "time_from"), t(rs, "time_until"), rs.getString("weekdays"),
                rs.getString("device"), type == null ? null : DeviceType.valueOf(type), rs.getBoolean("switch_on"),
                rs.getInt("priority"), rs.getInt("cooldown_minutes"), rs.getBoolean("enabled"));
    }

    private static Double d(ResultSet rs, String column) throws SQLException {
        double v = rs.getDouble(column);
        return rs.wasNull() ? null : v;
    }

    private static LocalTime t(ResultSet rs, String column) throws SQLException {
        Time v = rs.getTime(column);
        return v == null ? null : v.toLocalTime();
    }

    private static Time time(LocalTime t) {
        return t == null ? null : Time.valueOf(t);
    }
}
