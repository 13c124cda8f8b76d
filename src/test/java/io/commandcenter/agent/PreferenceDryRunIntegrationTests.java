package io.commandcenter.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.engine.facts.SiteSettings;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.testmode.ClosedLoopSimulation;
import io.commandcenter.testmode.LiveRules;
import io.commandcenter.testmode.SettingsOverrides;
import io.commandcenter.testmode.SimulationOptions;
import io.commandcenter.testmode.SimulationReport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;

/** "What if" questions are answered by a real test-mode dry run, and the answer carries its figures. */
@IntegrationTest
class PreferenceDryRunIntegrationTests {

    @LocalServerPort int port;
    @Autowired LiveRules live;
    @Autowired AgentTools tools;
    @Autowired JdbcClient jdbc;

    RestClient http;

    @BeforeEach
    void setUp() {
        AgentTables.truncate(jdbc);
        http = TestUsers.as(port, TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD)
                .defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aWhatIfAboutThePauseThresholdIsAnsweredWithTheFiguresOfADirectRun() {
        Map<String, Object> answer = ask("what would happen if I set the miner pause threshold to 60%?", "manager");

        SiteSettings current = live.settings();
        SimulationReport before = direct(current);
        SimulationReport after = direct(SettingsOverrides.apply(current, Map.of("pauseMinersBelow", "60")));
        String text = (String) answer.get("answer");
        assertThat(answer.get("agent")).isEqualTo("EnergyOrchestrator");
        assertThat((List<Map<String, Object>>) answer.get("toolsCalled")).singleElement().satisfies(call -> {
            assertThat(call.get("tool")).isEqualTo("simulate_preference_change");
            assertThat(call.get("arguments")).isEqualTo("pauseMinersBelow=60");
        });
        assertThat(text).startsWith("Offline mode (no language model configured), answering with simulate_preference_change:")
                .contains("scenario summer-week.yaml", "pauseMinersBelow " + SettingsOverrides.describe(current)
                        .get("pauseMinersBelow") + " → 60")
                .contains("- Miner pauses: " + minerPauses(before) + " → " + minerPauses(after))
                .contains("- Miner run time: " + hours(before) + " h → " + hours(after) + " h")
                .contains("- Lowest battery charge: " + PreferenceDryRun.num(before.summary().minSoc().value()) + " % at "
                        + before.summary().minSoc().at() + " → " + PreferenceDryRun.num(after.summary().minSoc().value())
                        + " % at " + after.summary().minSoc().at())
                .contains("- Grid import: " + PreferenceDryRun.num(before.summary().gridImportKwh()) + " kWh → "
                        + PreferenceDryRun.num(after.summary().gridImportKwh()) + " kWh")
                .contains("- Safety violations: " + before.summary().violationCount() + " → "
                        + after.summary().violationCount());
        // Pausing earlier must show: the miners stop sooner, so the battery does not go as low.
        assertThat(after.summary().minSoc().value()).isGreaterThan(before.summary().minSoc().value());
        assertThat(jdbc.sql("SELECT tools_called[1] FROM agent.conversations").query(String.class).list())
                .containsExactly("simulate_preference_change");
        assertThat(live.settings()).as("a dry run changes no preference").isEqualTo(current);
    }

    @Test
    void theEnergyOrchestratorAskedDirectlyRunsAMinimumChargeWhatIf() {
        Map<String, Object> answer = ask("what if min SOC were 40", "energy-orchestrator");

        SiteSettings current = live.settings();
        SimulationReport after = direct(SettingsOverrides.apply(current, Map.of("minSoc", "40")));
        assertThat(answer.get("agent")).isEqualTo("EnergyOrchestrator");
        assertThat(answer.get("askedAgent")).isEqualTo("energy-orchestrator");
        assertThat((String) answer.get("answer")).contains("minSoc " + SettingsOverrides.describe(current).get("minSoc") + " → 40",
                "- Hours below the minimum charge: ", " → " + PreferenceDryRun.num(after.summary().hoursBelowMinSoc()) + " h");
    }

    @Test
    void aChangeTheRulesCannotWorkWithIsExplainedNotSimulated() {
        assertThat(tools.simulatePreferenceChange("pauseMinersBelow=10, criticalSoc=20", null))
                .startsWith("No dry run was made: settings cannot be used: pauseMinersBelow must not be below criticalSoc");
        assertThat(tools.simulatePreferenceChange("sunshine=100", null)).startsWith("No dry run was made: unknown setting 'sunshine'");
    }

    private SimulationReport direct(SiteSettings settings) {
        Scenario scenario = Scenario.resolve("simulation/scenarios/summer-week.yaml");
        return ClosedLoopSimulation.run(scenario, live.ruleSet(), settings, SimulationOptions.defaults()).report();
    }

    private static long minerPauses(SimulationReport report) {
        return report.actions().stream()
                .filter(a -> !a.on() && report.summary().minerRunHours().containsKey(a.device())).count();
    }

    private static String hours(SimulationReport report) {
        return PreferenceDryRun.num(Math.round(report.summary().minerRunHours().values().stream()
                .mapToDouble(Double::doubleValue).sum() * 100) / 100.0);
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> ask(String question, String agent) {
        return http.post().uri("/agents/chat").accept(MediaType.APPLICATION_JSON).contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("question", question, "agent", agent)).retrieve().body(Map.class);
    }
}
