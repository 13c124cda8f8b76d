package io.commandcenter.workflow;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.control.EmergencyStopSwitch;
import io.commandcenter.engine.IfThenRule;
import io.commandcenter.web.Role;
import io.commandcenter.web.UserAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Workflows live: saved and refused over REST, started by hand, their switch judged by the rules and logged as
 * theirs, a run resumed from its stored state after a restart, halted by STOP, cancelled by an operator.
 */
@IntegrationTest
class WorkflowIntegrationTests {

    static final String HEATER = "it-wf-heater";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    WorkflowService workflows;
    @Autowired
    EmergencyStopSwitch emergencyStop;
    @Autowired
    WorkflowRunRepository runRepository;

    RestClient admin;
    RestClient operator;
    RestClient viewer;

    @BeforeEach
    void setUp() {
        clean();
        admin = TestUsers.admin(port).defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        operator = TestUsers.as(port, TestUsers.ensure(accounts, "otto", Role.OPERATOR))
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        viewer = TestUsers.as(port, TestUsers.ensure(accounts, "vera", Role.VIEWER))
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        admin.post().uri("/api/v1/devices").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", HEATER,
                "cloudId", "it-wf", "channel", 0, "type", "HEATER", "ratedPower", 1000)).retrieve().toBodilessEntity();
        fact(Map.of("type", "battery", "soc", 70, "voltage", 52, "current", 5));
        fact(Map.of("type", "device", "device", HEATER, "online", true, "on", true, "power", 1000));
    }

    @AfterEach
    void clean() {
        if (emergencyStop.engaged()) {
            emergencyStop.release("test", "done");
        }
        jdbc.sql("TRUNCATE workflow.workflows, workflow.runs, workflow.run_steps").update();
        jdbc.sql("DELETE FROM shelly.devices WHERE name = :n").param("n", HEATER).update();
    }

    private void fact(Map<String, Object> body) {
        ResponseEntity<Void> r = admin.post().uri("/api/v1/engine/facts").contentType(MediaType.APPLICATION_JSON)
                .body(body).retrieve().toBodilessEntity();
        assertThat(r.getStatusCode().is2xxSuccessful()).as("fact " + body).isTrue();
    }

    private ResponseEntity<JsonNode> put(RestClient as, String name, Map<String, Object> body) {
        return as.put().uri("/api/v1/workflows/{name}", name).contentType(MediaType.APPLICATION_JSON).body(body)
                .retrieve().toEntity(JsonNode.class);
    }

    private static Map<String, Object> step(String id, String does, Object... more) {
        Map<String, Object> s = new HashMap<>(Map.of("id", id, "does", does));
        for (int i = 0; i < more.length; i += 2) {
            s.put((String) more[i], more[i + 1]);
        }
        return s;
    }

    /** Heater off → if the battery is below 40 % set Storm prep, else notify me. */
    private static Map<String, Object> shed() {
        return Map.of("steps", List.of(
                step("heater-off", "SWITCH", "device", HEATER, "on", false),
                step("low", "BRANCH", "conditions", List.of(Map.of("trigger", "SOC", "below", 40)),
                        "next", "storm", "otherwise", "tell"),
                step("storm", "SET_MODE", "mode", "Storm prep", "next", "end"),
                step("tell", "NOTIFY", "message", "battery fine")));
    }

    private JsonNode waitForRun(String id, java.util.function.Predicate<JsonNode> until) throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(20));
        JsonNode run = null;
        while (Instant.now().isBefore(deadline)) {
            workflows.tick();
            run = viewer.get().uri("/api/v1/workflows/runs/{id}", id).retrieve().body(JsonNode.class);
            if (until.test(run)) {
                return run;
            }
            Thread.sleep(200);
        }
        return run;
    }

    @Test
    void aWorkflowStartedByHandSwitchesThroughTheRulesAndTakesTheBranchTheChargeSays() throws Exception {
        Instant since = Instant.now();
        ResponseEntity<JsonNode> saved = put(admin, "it shed", shed());
        assertThat(saved.getStatusCode().value()).as(String.valueOf(saved.getBody())).isEqualTo(200);
        assertThat(saved.getBody().path("inWords").asString()).isEqualTo("switch " + HEATER + " off → if the battery is"
                + " below 40 % go to storm, else tell → set the site mode to Storm prep → notify me (\"battery fine\")");
        assertThat(put(viewer, "it shed", shed()).getStatusCode().value()).isEqualTo(403);
        assertThat(viewer.post().uri("/api/v1/workflows/{n}/runs", "it shed").retrieve().toBodilessEntity()
                .getStatusCode().value()).as("starting acts on the site: an admin's").isEqualTo(403);

        JsonNode started = admin.post().uri("/api/v1/workflows/{n}/runs", "it shed").retrieve().body(JsonNode.class);
        JsonNode run = waitForRun(started.path("id").asString(), r -> !"RUNNING".equals(r.path("status").asString()));

        assertThat(run.path("status").asString()).as(run.toString()).isEqualTo("FINISHED");
        assertThat(run.path("steps").findValuesAsString("step")).containsExactly("heater-off", "low", "tell");
        assertThat(run.path("steps").get(0).path("outcome").asString()).isEqualTo("done: " + HEATER + " off");
        assertThat(run.path("steps").get(1).path("outcome").asString()).isEqualTo("no: the conditions did not hold");
        assertThat(jdbc.sql("SELECT count(*) FROM engine.decisions WHERE requested_by = :by AND device = :d"
                        + " AND decided_at >= :since").param("by", "workflow / it shed / heater-off").param("d", HEATER)
                .param("since", java.sql.Timestamp.from(since)).query(Long.class).single())
                .as("the switch was the rules' decision, logged as the workflow's").isEqualTo(1);
        assertThat(admin.post().uri("/api/v1/workflows/{n}/runs", "nope").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aRunStoredMidWayIsResumedAtItsStepAfterARestartAndNoStepIsTakenTwice() throws Exception {
        put(admin, "it shed", shed());
        Instant since = Instant.now();
        Workflow w = workflows.find("it shed");
        // As the platform left it: the heater step done and recorded, the run at the branch.
        WorkflowRun stored = WorkflowRun.start(w, Instant.now().minusSeconds(120), "alice").at("low", Instant.now());
        runRepository.insert(stored);

        JsonNode run = waitForRun(stored.id().toString(), r -> !"RUNNING".equals(r.path("status").asString()));

        assertThat(run.path("status").asString()).isEqualTo("FINISHED");
        assertThat(run.path("steps").findValuesAsString("step")).containsExactly("low", "tell");
        assertThat(jdbc.sql("SELECT count(*) FROM engine.decisions WHERE requested_by LIKE 'workflow / it shed /%'"
                        + " AND decided_at >= :since").param("since", java.sql.Timestamp.from(since))
                .query(Long.class).single()).as("the heater step is not taken again").isZero();
    }

    @Test
    void theEmergencyStopHaltsARunningWorkflowAndAnOperatorCancelsOne() throws Exception {
        Map<String, Object> waiting = Map.of("steps", List.of(
                step("wait", "WAIT", "minutes", 60), step("heat", "SWITCH", "device", HEATER, "on", true)));
        put(admin, "it wait", waiting);
        put(admin, "it wait 2", waiting);
        String first = admin.post().uri("/api/v1/workflows/{n}/runs", "it wait").retrieve().body(JsonNode.class)
                .path("id").asString();
        assertThat(admin.post().uri("/api/v1/workflows/{n}/runs", "it wait").retrieve().toEntity(JsonNode.class)
                .getStatusCode().value()).as("one run of a workflow at a time").isEqualTo(409);

        emergencyStop.engage("otto", "smoke");
        JsonNode halted = viewer.get().uri("/api/v1/workflows/runs/{id}", first).retrieve().body(JsonNode.class);
        assertThat(halted.path("status").asString()).isEqualTo("HALTED");
        assertThat(halted.path("outcome").asString()).isEqualTo("halted by the emergency stop at step wait");
        emergencyStop.release("test", "all clear");

        String second = admin.post().uri("/api/v1/workflows/{n}/runs", "it wait 2").retrieve().body(JsonNode.class)
                .path("id").asString();
        assertThat(viewer.post().uri("/api/v1/workflows/runs/{id}/cancel", second).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(403);
        JsonNode cancelled = operator.post().uri("/api/v1/workflows/runs/{id}/cancel", second).retrieve()
                .body(JsonNode.class);
        assertThat(cancelled.path("status").asString()).isEqualTo("CANCELLED");
        assertThat(cancelled.path("outcome").asString()).isEqualTo("cancelled by otto at step wait");
        assertThat(operator.post().uri("/api/v1/workflows/runs/{id}/cancel", second).retrieve().toBodilessEntity()
                .getStatusCode().value()).as("cancelled already").isEqualTo(409);
    }

    @Test
    void theAutomationPageShowsEachWorkflowInWordsAndEachRunStepByStep() throws Exception {
        put(admin, "it shed", shed());
        put(admin, "it wait", Map.of("startsAt", "18:00", "steps", List.of(step("wait", "WAIT", "minutes", 60))));
        String done = admin.post().uri("/automation/workflows/{n}/run", "it shed").retrieve().body(String.class);
        assertThat(done).contains("id=\"workflow-it-shed\"", "if the battery is below 40 % go to storm, else tell");
        waitForRun(workflows.recentRuns(1).get(0).id().toString(), r -> !"RUNNING".equals(r.path("status").asString()));
        assertThat(viewer.post().uri("/automation/workflows/{n}/run", "it wait").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(403);
        admin.post().uri("/automation/workflows/{n}/run", "it wait").retrieve().toBodilessEntity();

        String asViewer = viewer.get().uri("/automation/workflows").retrieve().body(String.class);
        assertThat(asViewer).contains("switch " + HEATER + " off</span>: <em>done: " + HEATER + " off</em>",
                "notify me (&quot;battery fine&quot;)</span>: <em>sent to the owner</em>", ">finished<", ">running<")
                .doesNotContain("Run now", "Cancel</button>");
        String row = asViewer.substring(asViewer.indexOf("id=\"workflow-it-shed\""));
        assertThat(row.substring(0, row.indexOf("</tr>"))).contains("<td class=\"this-week\">1</td>", "by hand");
        String asOperator = operator.get().uri("/automation/workflows").retrieve().body(String.class);
        assertThat(asOperator).contains("Cancel</button>").doesNotContain("Run now");

        String off = admin.post().uri("/automation/workflows/{n}/enabled?enabled=false", "it wait").retrieve()
                .body(String.class);
        String waitRow = off.substring(off.indexOf("id=\"workflow-it-wait\""));
        assertThat(waitRow.substring(0, waitRow.indexOf("</tr>"))).contains("<td>off</td>", "by hand", "Switch on");
        assertThat(admin.get().uri("/automation").retrieve().body(String.class))
                .contains("hx-get=\"/automation/workflows\"");
    }

    @Test
    void adminsGetTheWorkflowFormWithTheBuildersChoicesAndOperatorsDoNot() {
        put(admin, "it shed", shed());

        String section = admin.get().uri("/automation/workflows").retrieve().body(String.class);
        assertThat(section).contains("id=\"workflow-form\"", "id=\"workflow-step-row\"",
                "id=\"workflow-condition-row\"", "class=\"edit-workflow\" data-name=\"it shed\"",
                "class=\"delete-workflow\" data-name=\"it shed\"", "<option value=\"" + HEATER + "\">",
                "<option value=\"Storm prep\">Storm prep</option>", "<option value=\"MINER\">miner</option>");
        for (IfThenRule.Trigger trigger : IfThenRule.Trigger.values()) {
            assertThat(section).as("a step's conditions offer " + trigger).contains("<option value=\"" + trigger + "\"");
        }
        assertThat(admin.get().uri("/automation").retrieve().body(String.class)).contains("/js/workflow-form.js");

        String asOperator = operator.get().uri("/automation/workflows").retrieve().body(String.class);
        assertThat(asOperator).contains("id=\"workflow-it-shed\"")
                .doesNotContain("workflow-form", "workflow-step-row", "edit-workflow", "delete-workflow");
        assertThat(operator.get().uri("/automation").retrieve().body(String.class)).doesNotContain("workflow-form.js");
        assertThat(put(operator, "it shed", shed()).getStatusCode().value()).isEqualTo(403);
        assertThat(operator.delete().uri("/api/v1/workflows/{n}", "it shed").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(403);
    }

    @Test
    void badWorkflowsAreRefusedOnTheirFieldsAndNothingIsStored() {
        ResponseEntity<JsonNode> cycle = put(admin, "it bad", Map.of("steps", List.of(
                step("a", "NOTIFY", "message", "x", "next", "b"),
                step("b", "WAIT", "minutes", 5, "next", "a"))));
        assertThat(cycle.getStatusCode().value()).isEqualTo(400);
        assertThat(cycle.getHeaders().getContentType().toString()).startsWith("application/problem+json");
        assertThat(cycle.getBody().path("invalidParams").toString()).contains("\"steps\"").contains("a → b → a");

        ResponseEntity<JsonNode> bad = put(admin, "it bad", Map.of("steps", List.of(
                step("x", "SWITCH", "device", "no-such-device", "on", true),
                step("y", "BRANCH", "conditions", List.of(Map.of("trigger", "SOC", "below", 150))),
                step("z", "WAIT", "minutes", 5, "until", "06:00"),
                step("w", "SET_MODE", "mode", "Holiday", "next", "nowhere"))));
        assertThat(bad.getStatusCode().value()).isEqualTo(400);
        assertThat(bad.getBody().path("invalidParams").findValuesAsString("field")).contains("steps[0].device",
                "steps[1].conditions[0].below", "steps[1].otherwise", "steps[2].minutes", "steps[3].mode");
        ResponseEntity<JsonNode> nul = put(admin, "it bad", Map.of("steps", List.of(
                step("tell", "NOTIFY", "message", "low\u0000battery"))));
        assertThat(nul.getBody().path("invalidParams").findValuesAsString("field")).containsExactly("steps[0].message");
        ResponseEntity<JsonNode> empty = put(admin, "it bad", Map.of("steps", List.of()));
        assertThat(empty.getBody().path("invalidParams").findValuesAsString("field")).containsExactly("steps");

        assertThat(jdbc.sql("SELECT count(*) FROM workflow.workflows").query(Long.class).single()).isZero();
        assertThat(viewer.get().uri("/api/v1/workflows/{n}", "it bad").retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(404);
    }
}
