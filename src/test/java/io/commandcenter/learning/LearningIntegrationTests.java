package io.commandcenter.learning;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.approval.ApprovalSettled;
import io.commandcenter.engine.IfThenPreview;
import io.commandcenter.engine.IfThenRule;
import io.commandcenter.engine.OwnersRules;
import io.commandcenter.engine.SiteModeService;
import io.commandcenter.engine.Source;
import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureFlags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * Learning live: approvals noted with the situation, a habit offered with its confidence, evidence and dry run on
 * /automation, accepted as a rule that then switches without asking, a dismissed suggestion not offered again until
 * its evidence doubles, a suggestion whose dry run breaks safety withheld.
 */
@IntegrationTest
class LearningIntegrationTests {

    static final String HEATER = "it-learn-heater";

    @LocalServerPort
    int port;
    @Autowired
    JdbcClient jdbc;
    @Autowired
    FeatureFlags flags;
    @Autowired
    ApplicationEventPublisher events;
    @Autowired
    LearningService learning;
    @Autowired
    ObservationRepository observations;
    @Autowired
    SuggestionRepository suggestions;
    @Autowired
    SiteModeService modes;
    @Autowired
    org.springframework.beans.factory.ObjectProvider<io.commandcenter.engine.MinerThresholds> thresholds;
    @Autowired
    org.springframework.beans.factory.ObjectProvider<io.commandcenter.notify.NotificationSettingsService>
            notificationSettings;
    @Autowired
    org.springframework.beans.factory.ObjectProvider<io.commandcenter.notify.Notifications> notifications;

    RestClient admin;

    @BeforeEach
    void setUp() {
        clean();
        flags.override(Feature.LEARNING, true, "test", "learning tests");
        admin = TestUsers.admin(port).defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
        admin.post().uri("/api/v1/devices").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", HEATER,
                "cloudId", "it-learn", "channel", 0, "type", "HEATER", "ratedPower", 1500)).retrieve().toBodilessEntity();
    }

    @AfterEach
    void clean() {
        flags.reset(Feature.LEARNING, "test", "learning tests done");
        jdbc.sql("TRUNCATE learning.observations, learning.suggestions").update();
        if (admin != null) {
            admin.delete().uri("/api/v1/engine/if-then-rules/{n}", "learned " + HEATER + " off").retrieve()
                    .toBodilessEntity();
        }
        jdbc.sql("DELETE FROM shelly.devices WHERE name = :n").param("n", HEATER).update();
        modes.switchTo("Normal", "test", "done");
    }

    private void fact(Map<String, Object> body) {
        admin.post().uri("/api/v1/engine/facts").contentType(MediaType.APPLICATION_JSON).body(body).retrieve()
                .toBodilessEntity();
    }

    /** The owner approves pausing the miner at 44-46 %, {@code times} times, as if on different days and hours. */
    private void approvePauses(int times, int offset) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            fact(Map.of("type", "battery", "soc", 44 + (i % 3), "voltage", 51, "current", -5));
            Thread.sleep(150); // the engine takes the reading on its own thread
            events.publishEvent(new ApprovalSettled(UUID.randomUUID(), HEATER, false, Source.AUTOMATION, "if-then / heat",
                    "APPROVED", "owner", Instant.now(), Instant.now().minusSeconds(40)));
        }
        // Spread over the last two weeks and the hours of the day, as a real owner's answers would be.
        List<Long> ids = jdbc.sql("SELECT id FROM learning.observations ORDER BY id").query(Long.class).list();
        for (int i = offset; i < ids.size(); i++) {
            jdbc.sql("UPDATE learning.observations SET at = :at, minute_of_day = :m, weekday = :d WHERE id = :id")
                    .param("at", Timestamp.from(Instant.now().minus(Duration.ofDays(1 + i % 14)))).param("m", (i * 197) % 1440)
                    .param("d", 1 + (i * 3) % 7).param("id", ids.get(i)).update();
        }
    }

    @Autowired
    io.commandcenter.approval.ApprovalService approvals;

    /** The owner approves, through the approval flow itself, the same suggested switch-off {@code times} times. */
    private void approveForReal(int times) throws InterruptedException {
        for (int i = 0; i < times; i++) {
            fact(Map.of("type", "battery", "soc", 44 + (i % 3), "voltage", 51, "current", -5));
            fact(Map.of("type", "device", "device", HEATER, "online", true, "on", true, "power", 1500));
            Thread.sleep(150); // the engine takes the readings on its own thread
            var pending = approvals.propose(io.commandcenter.engine.ActionRequest.of(HEATER, false, Source.AGENT,
                    "agent:energy", "save the battery", Instant.now()), "the battery is low");
            assertThat(pending.state()).as("asked " + i).isEqualTo(io.commandcenter.approval.PendingAction.State.PENDING);
            assertThat(admin.post().uri("/api/v1/approvals/{id}/approve", pending.id()).retrieve().toBodilessEntity()
                    .getStatusCode().is2xxSuccessful()).isTrue();
            // The simulator does not know this heater: the command fails and leaves no hold for the next question.
            for (Instant until = Instant.now().plusSeconds(10); Instant.now().isBefore(until); Thread.sleep(100)) {
                if (jdbc.sql("SELECT count(*) FROM approval.pending_actions WHERE id = :id AND result IS NOT NULL")
                        .param("id", pending.id()).query(Long.class).single() > 0) {
                    break;
                }
            }
        }
        spread(0);
    }

    /** Spread over the last two weeks and the hours of the day, as a real owner's answers would be. */
    private void spread(int offset) {
        List<Long> ids = jdbc.sql("SELECT id FROM learning.observations ORDER BY id").query(Long.class).list();
        for (int i = offset; i < ids.size(); i++) {
            jdbc.sql("UPDATE learning.observations SET at = :at, minute_of_day = :m, weekday = :d WHERE id = :id")
                    .param("at", Timestamp.from(Instant.now().minus(Duration.ofDays(1 + i % 14)))).param("m", (i * 197) % 1440)
                    .param("d", 1 + (i * 3) % 7).param("id", ids.get(i)).update();
        }
    }

    @Test
    void approvingTheSameSwitchAFewTimesOffersARuleThatThenSwitchesWithoutAsking() throws Exception {
        // Each approved switch starts the device's cooldown; without one the "next time" below comes at once.
        JsonNode preferences = admin.get().uri("/api/v1/preferences").retrieve().body(JsonNode.class);
        Map<String, Object> noCooldown = new java.util.HashMap<>(new tools.jackson.databind.json.JsonMapper()
                .convertValue(preferences, Map.class));
        noCooldown.put("minerCooldownMinutes", 0);
        var put = admin.put().uri("/api/v1/preferences").contentType(MediaType.APPLICATION_JSON).body(noCooldown)
                .retrieve().toEntity(String.class);
        assertThat(put.getStatusCode().value()).as(put.getBody()).isEqualTo(200);
        try {
            approvingTheSameSwitchThenNoAsking();
        } finally {
            admin.put().uri("/api/v1/preferences").contentType(MediaType.APPLICATION_JSON).body(preferences).retrieve()
                    .toBodilessEntity();
        }
    }

    private void approvingTheSameSwitchThenNoAsking() throws Exception {
        approveForReal(6);
        assertThat(observations.since(Instant.now().minus(Duration.ofDays(30)))).hasSize(6)
                .allSatisfy(o -> assertThat(o.soc()).isBetween(44.0, 46.0));

        JsonNode analysed = admin.post().uri("/api/v1/learning/analyze").retrieve().body(JsonNode.class);
        assertThat(analysed.path("offered").asInt()).isEqualTo(1);
        String page = admin.get().uri("/automation/suggestions").retrieve().body(String.class);
        assertThat(page).contains("You approved &#39;switch " + HEATER + " off when the battery is below 47 %&#39; 6 of 6"
                + " times", "When the battery is below 47 %, then switch " + HEATER + " off without asking",
                "the last 30 days", "Accept</button>", "class=\"confidence\"");
        long id = suggestions.all().get(0).id();
        @SuppressWarnings("unchecked")
        Map<String, Object> explained = admin.post().uri("/api/v1/agents/chat").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("question", "Why do you suggest automating this?")).retrieve().body(Map.class);
        assertThat(String.valueOf(explained.get("answer"))).as("the agents explain a suggestion")
                .contains("explain_suggestions", "6 of 6 times", "Confidence", "approved " + HEATER + " off at 4",
                        "Dry run:");

        // Away: every automated action waits for approval — but not the one the owner has just automated.
        Instant since = Instant.now();
        modes.switchTo("Away", "test", "away");
        JsonNode accepted = admin.post().uri("/api/v1/learning/suggestions/{id}/accept", id)
                .contentType(MediaType.APPLICATION_JSON).body(Map.of("enabled", true)).retrieve().body(JsonNode.class);
        assertThat(accepted.path("suggestion").path("status").asString()).isEqualTo("ACCEPTED");
        assertThat(accepted.path("evidence")).hasSize(6);

        // Next time (the heater reads on again at a low charge) the learned rule switches it off without asking.
        fact(Map.of("type", "device", "device", HEATER, "online", true, "on", true, "power", 1500));
        fact(Map.of("type", "battery", "soc", 45, "voltage", 51, "current", -5));
        String outcome = null;
        for (Instant deadline = Instant.now().plusSeconds(15); Instant.now().isBefore(deadline) && outcome == null;
             Thread.sleep(100)) {
            outcome = jdbc.sql("SELECT outcome FROM engine.decisions WHERE requested_by = :by AND decided_at >= :since"
                            + " ORDER BY decided_at LIMIT 1")
                    .param("by", "if-then / learned " + HEATER + " off").param("since", Timestamp.from(since))
                    .query(String.class).optional().orElse(null);
        }
        assertThat(outcome).isEqualTo("ALLOWED");
    }

    /** Proves every rule safe without replaying: for what does not need the dry run itself. */
    private LearningService withoutDryRun(List<String> violations) {
        OwnersRules rules = new OwnersRules() {
            @Override
            public IfThenPreview.Preview preview(IfThenRule rule, Duration window) {
                return new IfThenPreview.Preview(window, 100, List.of(), violations, List.of());
            }

            @Override
            public List<String> gateRefusals(IfThenRule rule) {
                return List.of();
            }

            @Override
            public IfThenRule save(IfThenRule rule, String by) {
                throw new AssertionError("not saved here");
            }
        };
        return new LearningService(observations, suggestions, rules, flags, java.time.Clock.systemUTC(), thresholds,
                notificationSettings, notifications);
    }

    @Test
    void minersResumedByHandSoonAfterAPauseSuggestALowerPauseThresholdThatAcceptChanges() {
        JsonNode before = admin.get().uri("/api/v1/preferences").retrieve().body(JsonNode.class);
        for (int i = 0; i < 7; i++) {
            Instant at = Instant.now().minus(Duration.ofDays(1 + i));
            observations.add(new Observation(0, Observation.Kind.OVERRIDE, "miner-1",
                    io.commandcenter.device.DeviceType.MINER, true, "a person", UUID.randomUUID(), 49.0 + i * 0.1, 0.0,
                    1000.0, 0.0, 600 + i * 30, 1 + i % 7, "Normal", null, at));
        }
        LearningService learning = withoutDryRun(List.of());
        assertThat(learning.analyze()).isEqualTo(1);
        Suggestion s = suggestions.all().get(0);
        assertThat(s.title()).isEqualTo("You resumed miner-1 by hand 7 times within 30 minutes of automation pausing"
                + " at 49 %–49.6 % — lower the pause threshold to 47 %?");

        learning.accept(s.id(), true, "owner");

        JsonNode after = admin.get().uri("/api/v1/preferences").retrieve().body(JsonNode.class);
        assertThat(after.path("pauseMinersBelow").asDouble()).isEqualTo(47.0);
        assertThat(after.path("resumeMinersAbove").asDouble()).isEqualTo(before.path("resumeMinersAbove").asDouble());
        admin.put().uri("/api/v1/preferences").contentType(MediaType.APPLICATION_JSON).body(before).retrieve()
                .toBodilessEntity();
    }

    @Test
    void aDismissedSuggestionStaysDismissedUntilItsEvidenceDoubles() throws Exception {
        LearningService learning = withoutDryRun(List.of());
        approvePauses(5, 0);
        learning.analyze();
        long id = suggestions.all().get(0).id();
        admin.post().uri("/api/v1/learning/suggestions/{id}/dismiss", id).retrieve().toBodilessEntity();

        approvePauses(3, 5);
        learning.analyze();
        assertThat(suggestions.find(id).orElseThrow().status()).as("8 of 5 × 2").isEqualTo(Suggestion.Status.DISMISSED);

        approvePauses(2, 8);
        learning.analyze();
        assertThat(suggestions.find(id).orElseThrow().status()).as("10: doubled").isEqualTo(Suggestion.Status.OFFERED);
        assertThat(admin.post().uri("/api/v1/learning/suggestions/{id}/dismiss", 999_999).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(404);
    }

    @Test
    void aSuggestionWhoseDryRunBreaksASafetyRuleIsWithheld() throws Exception {
        approvePauses(6, 0);
        var withheld = withoutDryRun(List.of("2026-12-01T18:00:00Z " + HEATER + ": SOC_BELOW_CRITICAL_WITH_LOAD_ON"));

        assertThat(withheld.analyze()).isZero();
        Suggestion s = suggestions.all().get(0);
        assertThat(s.status()).isEqualTo(Suggestion.Status.WITHHELD);
        assertThat(s.why()).contains("SOC_BELOW_CRITICAL_WITH_LOAD_ON");
        assertThat(admin.get().uri("/automation/suggestions").retrieve().body(String.class))
                .doesNotContain("Accept</button>").contains("withheld");
        assertThat(admin.post().uri("/api/v1/learning/suggestions/{id}/accept", s.id()).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(409);
    }
}
