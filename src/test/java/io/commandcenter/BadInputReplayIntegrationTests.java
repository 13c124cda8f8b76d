package io.commandcenter;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Replays bad input against every API as admin: each case must be refused with 400 (413 for an
 * oversized body) problem+json naming the bad field, and nothing the GET endpoints show may change.
 */
@IntegrationTest
class BadInputReplayIntegrationTests {

    private static final String NUL = "\\u0000";

    @LocalServerPort int port;
    @Autowired JdbcClient jdbc;

    private final JsonMapper json = JsonMapper.builder().build();
    private RestClient http;

    record Case(String method, String path, String contentType, String body, String field, int status) {
    }

    private final List<Case> cases = new ArrayList<>();

    private void bad(String method, String path, String body, String field) {
        cases.add(new Case(method, path, body == null ? null : "application/json", body, field, 400));
    }

    private ResponseEntity<String> send(String method, String path, String contentType, String body) {
        var spec = http.method(HttpMethod.valueOf(method)).uri(path).accept(MediaType.APPLICATION_JSON,
                MediaType.APPLICATION_PROBLEM_JSON);
        if (body != null) {
            spec = spec.contentType(MediaType.parseMediaType(contentType)).body(body);
        }
        return spec.retrieve().toEntity(String.class);
    }

    private String get(String path) {
        ResponseEntity<String> r = send("GET", path, null, null);
        return r.getStatusCode().value() + " " + r.getBody();
    }

    private Map<String, String> snapshot() {
        Map<String, String> s = new LinkedHashMap<>();
        for (String path : List.of("/preferences", "/notifications/settings", "/engine/tables", "/devices",
                "/emergency-stop", "/engine/locks", "/engine/rules/versions", "/simulations")) {
            s.put(path, get(path));
        }
        s.put("tokens", String.valueOf(jdbc.sql("SELECT count(*) FROM security.api_tokens").query(Long.class).single()));
        s.put("actions", String.valueOf(jdbc.sql("SELECT count(*) FROM control.action_log").query(Long.class).single()));
        return s;
    }

    private String prefsWith(String field, String rawValue) throws Exception {
        String current = send("GET", "/preferences", null, null).getBody();
        var node = (tools.jackson.databind.node.ObjectNode) json.readTree(current);
        node.remove(field);
        String base = json.writeValueAsString(node);
        return base.substring(0, base.length() - 1) + ",\"" + field + "\":" + rawValue + "}";
    }

    private static String table(String rowFields) {
        return "{\"description\":\"d\",\"enabled\":true,\"rows\":[{\"row\":1,\"name\":\"r1\",\"deviceType\":\"MINER\","
                + "\"on\":false,\"priority\":5,\"cooldownMinutes\":10,\"enabled\":true" + rowFields + "}]}";
    }

    private static String device(String name, String cloudId, String channel) {
        return "{\"name\":\"" + name + "\",\"cloudId\":" + cloudId + ",\"channel\":" + channel + ",\"type\":\"miner\",\"ratedPower\":1400}";
    }

    @Test
    void badInputIsRefusedNamingTheFieldAndChangesNothing() throws Exception {
        http = TestUsers.admin(port).defaultStatusHandler(status -> true, (request, response) -> { }).build();
        jdbc.sql("DELETE FROM shelly.devices WHERE name IN ('replay-1', 'replay-2', 'replay-3')").update();
        assertThat(send("POST", "/devices", "application/json", device("replay-1", "\"replay-cloud-1\"", "0"))
                .getStatusCode().value()).isEqualTo(201);

        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String huge = "x".repeat(5 * 1024 * 1024);

        // engine facts
        bad("POST", "/engine/facts", "{\"type\":\"device\",\"device\":\"replay-1\",\"online\":true,\"on\":true,\"power\":1e999}", "power");
        bad("POST", "/engine/facts", "{\"type\":\"battery\",\"soc\":50,\"at\":\"1970-01-01T00:00:00Z\"}", "at");
        bad("POST", "/engine/facts", "{\"type\":\"battery\",\"soc\":50,\"at\":\"" + now.plus(1, ChronoUnit.DAYS) + "\"}", "at");
        bad("POST", "/engine/facts", "{\"type\":\"device\",\"device\":\"../../etc/passwd\",\"online\":true}", "device");
        bad("POST", "/engine/facts", "{\"type\":\"device\",\"device\":\"miner-1' OR '1'='1\",\"online\":true}", "device");
        bad("POST", "/engine/facts", "{\"type\":\"battery\",\"soc\":\"NaN\"}", "soc");
        bad("POST", "/engine/facts", "{\"type\":\"battery\",\"soc\":\"25\"}", "soc");
        bad("POST", "/engine/facts", "{\"type\":\"battery\",\"soc\":-1}", "soc");
        bad("POST", "/engine/facts", "{\"type\":\"battery\",\"soc\":101}", "soc");
        bad("POST", "/engine/facts", "{\"type\":\"battery\",\"soc\":50,\"voltage\":5000}", "voltage");
        bad("POST", "/engine/facts", "{\"type\":\"solar\",\"pvPower\":10,\"loadPower\":10,\"gridPower\":1e6}", "gridPower");
        bad("POST", "/engine/facts", "{\"type\":\"battery\",\"soc\":50,\"foo\":1}", "foo");
        bad("POST", "/engine/facts", "{\"type\":\"bogus\"}", "type");
        bad("POST", "/engine/facts", "{\"type\":\"action\",\"device\":\"replay-1\",\"on\":true,\"source\":\"MANUAL\","
                + "\"requestedBy\":\"x\",\"reason\":\"a" + NUL + "b\"}", "reason");
        bad("POST", "/engine/facts", "{\"type\":\"battery\",\"site\":\"../x\",\"soc\":50}", "site");
        // preferences
        bad("PUT", "/preferences", prefsWith("criticalSoc", "1e999"), "criticalSoc");
        bad("PUT", "/preferences", prefsWith("minerCooldownMinutes", "1.5"), "minerCooldownMinutes");
        bad("PUT", "/preferences", prefsWith("targetSoc", "\"25\""), "targetSoc");
        bad("PUT", "/preferences", prefsWith("bogus", "1"), "bogus");
        bad("PUT", "/preferences", prefsWith("quietFrom", "\"25:99\""), "quietFrom");
        bad("PUT", "/preferences", prefsWith("maxGridDrawWatts", "-5"), "maxGridDrawWatts");
        // notification settings
        bad("PUT", "/notifications/settings", "{\"criticalOnly\":false,\"email\":\"not-an-email\"}", "email");
        bad("PUT", "/notifications/settings", "{\"criticalOnly\":false,\"email\":\"a@example.com\\r\\nBcc: b@example.com\"}", "email");
        bad("PUT", "/notifications/settings", "{\"criticalOnly\":false,\"email\":\"a" + NUL + "@example.com\"}", "email");
        bad("PUT", "/notifications/settings", "{\"criticalOnly\":false,\"phone\":\"call-me\"}", "phone");
        bad("PUT", "/notifications/settings", "{\"criticalOnly\":false,\"phone\":\"+12\"}", "phone");
        bad("PUT", "/notifications/settings", "{\"criticalOnly\":false,\"phone\":\"+1" + NUL + "5551234567\"}", "phone");
        bad("PUT", "/notifications/settings", "{\"criticalOnly\":false,\"confirmationMode\":\"MAYBE\"}", "confirmationMode");
        bad("PUT", "/notifications/settings", "{\"criticalOnly\":\"yes\"}", "criticalOnly");
        cases.add(new Case("PUT", "/notifications/settings", "application/json", "{\"email\":\"" + huge + "@x.io\"}", "body", 413));
        // decision tables
        bad("PUT", "/engine/tables/replay-table", table(",\"priority\":5000").replace("\"priority\":5,", ""), "rows[0].priority");
        bad("PUT", "/engine/tables/replay-table", table(",\"device\":\"ghost-9\"").replace("\"deviceType\":\"MINER\",", ""), "rows[0].device");
        bad("PUT", "/engine/tables/replay-table", table("").replace("\"d\"", "\"d" + NUL + "\""), "description");
        bad("PUT", "/engine/tables/replay-table", table("").replace("\"r1\"", "\"" + "n".repeat(100) + "\""), "rows[0].name");
        bad("PUT", "/engine/tables/replay-table", table("").replace("\"priority\":5", "\"priority\":1.5"), "rows[0].priority");
        bad("PUT", "/engine/tables/replay-table", table(",\"socFrom\":1e999"), "rows[0].socFrom");
        bad("PUT", "/engine/tables/replay-table", table(",\"colour\":\"red\""), "rows[0].colour");
        cases.add(new Case("PUT", "/engine/tables/replay-table/spreadsheet", "text/csv", "not,a,table\n", "body", 400));
        // rules
        bad("POST", "/engine/rules/validate", "{\"files\":{\"../../x.drl\":\"\"}}", "files[../../x.drl]");
        bad("POST", "/engine/rules/validate", "{\"files\":{\"x.txt\":\"\"}}", "files[x.txt]");
        bad("POST", "/engine/rules/validate", "{\"files\":{\"a" + NUL + ".drl\":\"\"}}", "files[a?.drl]");
        bad("POST", "/engine/rules/validate", "{\"files\":{\"ok.drl\":\"rule \\u202e x\"}}", "files.ok.drl");
        bad("POST", "/engine/rules/activate", "{\"activatedBy\":\"x\",\"foo\":1}", "foo");
        // locks and decisions
        bad("PUT", "/engine/locks/replay-1", "{\"reason\":\"a" + NUL + "\"}", "reason");
        bad("PUT", "/engine/locks/replay-1", "{\"reason\":\"" + "r".repeat(300) + "\"}", "reason");
        bad("PUT", "/engine/locks/replay-1", "{\"reason\":\"ok\",\"foo\":1}", "foo");
        bad("GET", "/engine/decisions?from=" + now + "&to=" + now.minus(1, ChronoUnit.DAYS), null, "from");
        bad("GET", "/engine/decisions?from=yesterday", null, "from");
        // control
        bad("POST", "/shelly/device/replay-1/on", "{\"reason\":\"a" + NUL + "b\"}", "reason");
        bad("POST", "/shelly/device/replay-1/off", "{\"reason\":\"" + "r".repeat(600) + "\"}", "reason");
        bad("POST", "/shelly/device/replay-1/off", "{\"why\":\"x\"}", "why");
        bad("POST", "/emergency-stop", "{\"why\":\"stop" + NUL + "\"}", "why");
        bad("POST", "/emergency-stop", "{\"why\":\"" + "w".repeat(600) + "\"}", "why");
        bad("POST", "/emergency-stop", "{\"why\":\"x\",\"foo\":1}", "foo");
        bad("POST", "/emergency-stop", "{\"why\":5}", "why");
        bad("POST", "/emergency-stop/release", "{\"why\":\"x" + NUL + "\"}", "why");
        bad("GET", "/shelly/actions/history?limit=-5", null, "limit");
        bad("GET", "/shelly/actions/history?limit=abc", null, "limit");
        bad("GET", "/shelly/actions/history?limit=100000", null, "limit");
        bad("GET", "/shelly/actions/history?source=ROBOT", null, "source");
        bad("GET", "/approvals/recent?limit=-5", null, "limit");
        bad("GET", "/approvals/recent?limit=1.5", null, "limit");
        // devices
        bad("POST", "/devices", device("replay-2", "\"c" + NUL + "\"", "0"), "cloudId");
        bad("POST", "/devices", device("replay-2", "\"replay-cloud-2\"", "99"), "channel");
        bad("POST", "/devices", device("replay-2", "\"replay-cloud-2\"", "\"1\""), "channel");
        bad("POST", "/devices", device("replay-2", "\"replay-cloud-2\"", "0").replace("1400", "1e999"), "ratedPower");
        bad("POST", "/devices", device("replay-2", "\"replay-cloud-2\"", "0").replace("}", ",\"foo\":1}"), "foo");
        bad("POST", "/devices/import", "[" + device("replay-2", "\"replay-cloud-2\"", "0") + ","
                + device("replay-3", "\"c" + NUL + "\"", "0") + "]", "[1].cloudId");
        bad("POST", "/devices/import", "[" + device("replay-2", "\"replay-cloud-2\"", "0") + ","
                + device("replay-3", "\"replay-cloud-3\"", "99") + "]", "[1].channel");
        bad("PUT", "/devices/replay-1", "{\"foo\":1}", "foo");
        bad("PUT", "/devices/replay-1", "{\"ratedPower\":-5}", "ratedPower");
        // time series
        bad("GET", "/victron/battery/history?from=" + now.minus(36500, ChronoUnit.DAYS), null, "from");
        bad("GET", "/solark/history?from=" + now.minus(5, ChronoUnit.DAYS) + "&resolution=raw", null, "resolution");
        bad("GET", "/victron/battery/history?from=garbage", null, "from");
        bad("GET", "/victron/battery/history?resolution=weekly", null, "resolution");
        bad("GET", "/victron/battery/history?from=" + now + "&to=" + now.minus(1, ChronoUnit.DAYS), null, "from");
        // simulations
        bad("POST", "/simulations", "{\"scenario\":\"summer-week.yaml\",\"duration\":\"P36500D\"}", "duration");
        bad("POST", "/simulations", "{\"scenario\":\"../../etc/passwd\"}", "scenario");
        bad("POST", "/simulations", "{\"replay\":{\"from\":\"" + now.minus(36500, ChronoUnit.DAYS) + "\",\"to\":\"" + now + "\"}}", "replay");
        bad("POST", "/simulations", "{\"scenario\":\"summer-week.yaml\",\"ruleFiles\":{\"../x.drl\":\"\"}}", "ruleFiles[../x.drl]");
        bad("POST", "/simulations", "{\"scenario\":\"summer-week.yaml\",\"speed\":9}", "speed");
        // agents
        bad("POST", "/agents/chat", "{\"question\":\"hi" + NUL + "\"}", "question");
        bad("POST", "/agents/chat", "{\"question\":\"" + "q".repeat(4001) + "\"}", "question");
        bad("POST", "/agents/chat", "{\"question\":\"hi\",\"foo\":1}", "foo");
        bad("POST", "/agents/chat", "{\"question\":\"\"}", "question");
        bad("GET", "/agents/conversations?limit=0", null, "limit");
        // tokens
        bad("POST", "/api/tokens", "{\"name\":\"a" + NUL + "\",\"role\":\"VIEWER\"}", "name");
        bad("POST", "/api/tokens", "{\"name\":\"" + "n".repeat(100) + "\",\"role\":\"VIEWER\"}", "name");

        Map<String, String> before = snapshot();
        List<String> failures = new ArrayList<>();
        for (Case c : cases) {
            ResponseEntity<String> r = send(c.method(), c.path(), c.contentType(), c.body());
            String label = c.method() + " " + c.path() + " " + (c.body() == null ? "" : c.body().length() > 120
                    ? c.body().substring(0, 120) + "…" : c.body());
            if (r.getStatusCode().value() != c.status()) {
                failures.add(label + " → " + r.getStatusCode().value() + " " + r.getBody());
                continue;
            }
            MediaType type = r.getHeaders().getContentType();
            if (type == null || !type.isCompatibleWith(MediaType.APPLICATION_PROBLEM_JSON)) {
                failures.add(label + " → content type " + type);
                continue;
            }
            JsonNode problem = json.readTree(r.getBody());
            List<String> fields = new ArrayList<>();
            problem.path("invalidParams").forEach(p -> fields.add(p.path("field").asString()));
            if (!fields.contains(c.field())) {
                failures.add(label + " → fields " + fields + " lack " + c.field() + ": " + r.getBody());
            }
        }
        Map<String, String> after = snapshot();
        assertThat(failures).as(failures.size() + " of " + cases.size() + " cases").isEmpty();
        assertThat(cases).hasSizeGreaterThanOrEqualTo(60);
        assertThat(after).isEqualTo(before);
        assertThat(get("/devices")).doesNotContain("replay-2").doesNotContain("replay-3");
    }
}
