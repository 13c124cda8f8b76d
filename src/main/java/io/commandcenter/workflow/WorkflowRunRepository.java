package io.commandcenter.workflow;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** {@code workflow.runs} and {@code workflow.run_steps}: each run as it stands, and every step it finished. */
@Repository
class WorkflowRunRepository {

    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final WorkflowRepository workflows;

    WorkflowRunRepository(JdbcClient jdbc, JsonMapper json, WorkflowRepository workflows) {
        this.jdbc = jdbc;
        this.json = json;
        this.workflows = workflows;
    }

    void insert(WorkflowRun run) {
        jdbc.sql("""
                INSERT INTO workflow.runs (id, workflow, definition, status, step, step_started_at, switched, steps_taken,
                    started_at, started_by, ended_at, outcome)
                VALUES (:id, :workflow, CAST(:definition AS jsonb), :status, :step, :stepStartedAt,
                    CAST(:switched AS jsonb), :stepsTaken, :startedAt, :startedBy, :endedAt, :outcome)""")
                .param("id", run.id()).param("workflow", run.workflow())
                .param("definition", workflows.definition(run.definition()))
                .param("status", run.status().name()).param("step", run.step())
                .param("stepStartedAt", Timestamp.from(run.stepStartedAt()))
                .param("switched", json.writeValueAsString(run.switched())).param("stepsTaken", run.stepsTaken())
                .param("startedAt", Timestamp.from(run.startedAt())).param("startedBy", run.startedBy())
                .param("endedAt", run.endedAt() == null ? null : Timestamp.from(run.endedAt()))
                .param("outcome", run.outcome()).update();
    }

    /** The run's new state, only if it is still running as stored (a cancel or a halt in between wins). */
    boolean update(WorkflowRun run) {
        return jdbc.sql("""
                UPDATE workflow.runs SET status = :status, step = :step, step_started_at = :stepStartedAt,
                    switched = CAST(:switched AS jsonb), steps_taken = :stepsTaken, ended_at = :endedAt, outcome = :outcome
                WHERE id = :id AND status = 'RUNNING'""")
                .param("id", run.id()).param("status", run.status().name()).param("step", run.step())
                .param("stepStartedAt", Timestamp.from(run.stepStartedAt()))
                .param("switched", json.writeValueAsString(run.switched())).param("stepsTaken", run.stepsTaken())
                .param("endedAt", run.endedAt() == null ? null : Timestamp.from(run.endedAt()))
                .param("outcome", run.outcome()).update() == 1;
    }

    void recordStep(WorkflowRun.StepTaken s) {
        jdbc.sql("""
                INSERT INTO workflow.run_steps (run, seq, step, does, in_words, started_at, ended_at, outcome)
                VALUES (:run, :seq, :step, :does, :inWords, :startedAt, :endedAt, :outcome)""")
                .param("run", s.run()).param("seq", s.seq()).param("step", s.step()).param("does", s.does().name())
                .param("inWords", s.inWords()).param("startedAt", Timestamp.from(s.startedAt()))
                .param("endedAt", Timestamp.from(s.endedAt())).param("outcome", s.outcome()).update();
    }

    List<WorkflowRun> running() {
        return jdbc.sql("SELECT * FROM workflow.runs WHERE status = 'RUNNING' ORDER BY started_at")
                .query((rs, n) -> run(rs)).list();
    }

    List<WorkflowRun> recent(int limit) {
        return jdbc.sql("SELECT * FROM workflow.runs ORDER BY started_at DESC LIMIT :limit")
                .param("limit", limit).query((rs, n) -> run(rs)).list();
    }

    /** How many runs each workflow started since {@code since}, and when the latest started. */
    java.util.Map<String, Object[]> startsSince(Instant since) {
        java.util.Map<String, Object[]> out = new java.util.HashMap<>();
        jdbc.sql("SELECT workflow, count(*) AS n, max(started_at) AS last FROM workflow.runs WHERE started_at >= :since"
                        + " GROUP BY workflow").param("since", Timestamp.from(since))
                .query((rs, n) -> out.put(rs.getString("workflow"), new Object[] {rs.getLong("n"),
                        rs.getTimestamp("last").toInstant()})).list();
        return out;
    }

    Optional<WorkflowRun> find(UUID id) {
        return jdbc.sql("SELECT * FROM workflow.runs WHERE id = :id").param("id", id).query((rs, n) -> run(rs)).optional();
    }

    List<WorkflowRun.StepTaken> steps(UUID run) {
        return jdbc.sql("SELECT * FROM workflow.run_steps WHERE run = :run ORDER BY seq").param("run", run)
                .query((rs, n) -> new WorkflowRun.StepTaken(rs.getObject("run", UUID.class), rs.getInt("seq"),
                        rs.getString("step"), Workflow.Does.valueOf(rs.getString("does")), rs.getString("in_words"),
                        rs.getTimestamp("started_at").toInstant(), rs.getTimestamp("ended_at").toInstant(),
                        rs.getString("outcome"))).list();
    }

    private WorkflowRun run(ResultSet rs) throws SQLException {
        Timestamp ended = rs.getTimestamp("ended_at");
        Set<String> switched = json.readValue(rs.getString("switched"), new TypeReference<Set<String>>() { });
        return new WorkflowRun(rs.getObject("id", UUID.class), rs.getString("workflow"),
                workflows.workflow(rs.getString("workflow"), true, rs.getString("definition")),
                WorkflowRun.Status.valueOf(rs.getString("status")), rs.getString("step"),
                rs.getTimestamp("step_started_at").toInstant(), switched, rs.getTimestamp("started_at").toInstant(),
                rs.getString("started_by"), ended == null ? null : ended.toInstant(), rs.getString("outcome"),
                rs.getInt("steps_taken"));
    }
}
