package io.commandcenter.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.web.Role;
import io.commandcenter.web.UserAccounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/**
 * The /automation page's forms as the server renders them: admins get the builder with every trigger, the
 * registered devices and the site modes, and Edit / Delete on each rule and schedule; operators read the page
 * without any of it.
 */
@IntegrationTest
class AutomationPageIntegrationTests {

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    UserAccounts accounts;
    @Autowired
    IfThenRuleRepository ifThenRules;

    RestClient admin;
    RestClient operator;

    @BeforeEach
    void setUp() {
        admin = TestUsers.admin(port).defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        operator = TestUsers.as(port, TestUsers.ensure(accounts, "otto", Role.OPERATOR))
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        cleanUp();
    }

    @AfterEach
    void cleanUp() {
        jdbc.sql("TRUNCATE engine.schedules, engine.schedule_runs").update();
        ifThenRules.delete("page test");
    }

    @Test
    void adminsGetTheBuilderWithEveryTriggerAndOperatorsReadThePageOnly() {
        // stored, not made live: the page lists what is stored, and the safety gate would only cost time here
        ifThenRules.save(new IfThenRule("page test", true, List.of(new IfThenRule.Condition(IfThenRule.Trigger.SOC,
                null, 40.0, null, null, null, null, null, null, null)), 0, 10, List.of(new IfThenRule.Action(
                IfThenRule.Does.NOTIFY, null, null, null, null, "low", false))), "test");
        admin.put().uri("/api/v1/engine/schedules/{name}", "page test").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("repeat", "DAILY", "time", "06:00", "does", "SET_MODE", "mode", "Away"))
                .retrieve().toBodilessEntity();

        String page = admin.get().uri("/automation").accept(MediaType.TEXT_HTML).retrieve().body(String.class);
        assertThat(page).contains("id=\"if-then-form\"", "id=\"schedule-form\"", "/js/if-then-builder.js",
                "/js/schedule-form.js");
        for (IfThenRule.Trigger trigger : IfThenRule.Trigger.values()) {
            assertThat(page).as("the builder offers " + trigger).contains("<option value=\"" + trigger + "\"");
        }
        assertThat(page).contains("<option value=\"Storm prep\">Storm prep</option>", "<option value=\"MINER\">miner</option>");
        assertThat(page).contains("class=\"edit-rule\" data-name=\"page test\"",
                "class=\"delete-rule\" data-name=\"page test\"", "class=\"edit-schedule\" data-name=\"page test\"",
                "class=\"delete-schedule\" data-name=\"page test\"");

        String readOnly = operator.get().uri("/automation").accept(MediaType.TEXT_HTML).retrieve().body(String.class);
        assertThat(readOnly).contains("When the battery is below 40 %, then notify me", "every day at 06:00: set the"
                + " site mode to Away");
        assertThat(readOnly).doesNotContain("if-then-form", "schedule-form", "edit-rule", "delete-schedule",
                "if-then-builder.js", "Switch off");
    }
}
