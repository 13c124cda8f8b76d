package io.commandcenter.workflow;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.databind.json.JsonMapper;

/** {@code workflow.workflows}: each workflow's definition as JSON, and the latest daily start that came due. */
@Repository
class WorkflowRepository {

    /** What is stored as JSON: everything but the name and the switch. */
    record Definition(java.time.LocalTime startsAt, List<Integer> weekdays, List<Workflow.Step> steps) {
    }

    record Stored(Workflow workflow, Instant lastDue, Instant updatedAt) {
    }

    private final JdbcClient jdbc;
    private final JsonMapper json;

    WorkflowRepository(JdbcClient jdbc, JsonMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    List<Stored> findAll() {
        return jdbc.sql("SELECT name, enabled, definition::text AS definition, last_due, updated_at"
                        + " FROM workflow.workflows ORDER BY name")
                .query((rs, n) -> {
                    Timestamp last = rs.getTimestamp("last_due");
                    return new Stored(workflow(rs.getString("name"), rs.getBoolean("enabled"), rs.getString("definition")),
                            last == null ? null : last.toInstant(), rs.getTimestamp("updated_at").toInstant());
                }).list();
    }

    Optional<Workflow> find(String name) {
        return findAll().stream().map(Stored::workflow).filter(w -> w.name().equals(name)).findFirst();
    }

    /** Saves the workflow; a start due before {@code now} is not taken afterwards (no start in the past). */
    void save(Workflow w, Instant now, String by) {
        jdbc.sql("""
                INSERT INTO workflow.workflows (name, enabled, definition, last_due, updated_at, updated_by)
                VALUES (:name, :enabled, CAST(:definition AS jsonb), :now, :now, :by)
                ON CONFLICT (name) DO UPDATE SET enabled = EXCLUDED.enabled, definition = EXCLUDED.definition,
                    last_due = EXCLUDED.last_due, updated_at = EXCLUDED.updated_at, updated_by = EXCLUDED.updated_by""")
                .param("name", w.name()).param("enabled", w.enabled()).param("definition", definition(w))
                .param("now", Timestamp.from(now)).param("by", by).update();
    }

    boolean delete(String name) {
        return jdbc.sql("DELETE FROM workflow.workflows WHERE name = :name").param("name", name).update() > 0;
    }

    void recordDue(String name, Instant due) {
        jdbc.sql("UPDATE workflow.workflows SET last_due = :due WHERE name = :name")
                .param("due", Timestamp.from(due)).param("name", name).update();
    }

    String definition(Workflow w) {
        return json.writeValueAsString(new Definition(w.startsAt(), w.weekdays(), w.steps()));
    }

    Workflow workflow(String name, boolean enabled, String definition) {
        Definition d = json.readValue(definition, Definition.class);
        return new Workflow(name, enabled, d.startsAt(), d.weekdays(), d.steps());
    }
}
