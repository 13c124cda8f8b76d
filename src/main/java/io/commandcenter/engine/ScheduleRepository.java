package io.commandcenter.engine;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** {@code engine.schedules} and the runs they made ({@code engine.schedule_runs}). */
@Repository
class ScheduleRepository {

    /** A schedule as stored: since when it exists and what became of its latest run. */
    record Stored(Schedule schedule, Instant createdAt, Instant lastDue, String lastOutcome) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    ScheduleRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Stored> findAll() {
        return jdbc.sql("""
                SELECT name, enabled, definition::text AS definition, created_at, last_due, last_outcome
                FROM engine.schedules ORDER BY name""")
                .query((rs, n) -> {
                    Schedule d = json.readValue(rs.getString("definition"), Schedule.class);
                    Timestamp last = rs.getTimestamp("last_due");
                    return new Stored(new Schedule(rs.getString("name"), rs.getBoolean("enabled"), d.repeat(), d.at(),
                            d.time(), d.weekdays(), d.cron(), d.does(), d.device(), d.deviceType(), d.on(), d.mode(),
                            d.forMinutes(), d.missed()), rs.getTimestamp("created_at").toInstant(),
                            last == null ? null : last.toInstant(), rs.getString("last_outcome"));
                }).list();
    }

    Optional<Stored> find(String name) {
        return findAll().stream().filter(s -> s.schedule().name().equals(name)).findFirst();
    }

    /** A new schedule counts its runs from {@code now}; a changed one starts counting again from {@code now} too. */
    void save(Schedule schedule, Instant now, String by) {
        jdbc.sql("""
                INSERT INTO engine.schedules (name, enabled, definition, created_at, last_due, last_outcome, updated_by)
                VALUES (:name, :enabled, CAST(:definition AS jsonb), :now, NULL, NULL, :by)
                ON CONFLICT (name) DO UPDATE SET enabled = EXCLUDED.enabled, definition = EXCLUDED.definition,
                    created_at = EXCLUDED.created_at, last_due = NULL, last_outcome = NULL,
                    updated_by = EXCLUDED.updated_by""")
                .param("name", schedule.name()).param("enabled", schedule.enabled())
                .param("definition", json.writeValueAsString(schedule)).param("now", Timestamp.from(now))
                .param("by", by).update();
    }

    boolean delete(String name) {
        return jdbc.sql("DELETE FROM engine.schedules WHERE name = :name").param("name", name).update() > 0;
    }

    void recordRun(String name, Instant due, Instant ranAt, String outcome) {
        jdbc.sql("UPDATE engine.schedules SET last_due = :due, last_outcome = :outcome WHERE name = :name")
                .param("due", Timestamp.from(due)).param("outcome", outcome).param("name", name).update();
        jdbc.sql("""
                INSERT INTO engine.schedule_runs (schedule, due_at, ran_at, outcome) VALUES (:name, :due, :at, :outcome)""")
                .param("name", name).param("due", Timestamp.from(due)).param("at", Timestamp.from(ranAt))
                .param("outcome", outcome).update();
    }
}
