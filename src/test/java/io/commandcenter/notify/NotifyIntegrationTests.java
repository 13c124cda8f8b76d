package io.commandcenter.notify;

import io.commandcenter.engine.facts.ConfirmationMode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.commandcenter.IntegrationTest;
import io.commandcenter.control.EmergencyStopSwitch;
import io.commandcenter.engine.ActionProposed;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.Source;
import io.commandcenter.ingest.PollingHealth;
import io.commandcenter.ingest.SourceHealth;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** Notifications against a real SMTP server (GreenMail); SMS is not configured here. */
@IntegrationTest
class NotifyIntegrationTests {

    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        // Any source without a successful poll is overdue at once; the check runs only when the test calls it
        // (the test profile schedules no polls).
        registry.add("commandcenter.ingest.alert-after", () -> "1ms");
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @Autowired Notifications notifications;
    @Autowired NotificationSettingsService settings;
    @Autowired AlertNotifier alerts;
    @Autowired PollingHealth polling;
    @Autowired EmergencyStopSwitch emergencyStop;
    @Autowired ApplicationEventPublisher events;
    @Autowired JdbcClient jdbc;

    // Alerts are sent after commit on the notify thread: tests wait until the registry shows them handled.
    private java.sql.Timestamp started;

    @BeforeEach
    void clean() throws Exception {
        jdbc.sql("TRUNCATE notify.log, notify.settings, control.emergency_stop").update();
        smtp.purgeEmailFromAllMailboxes();
        started = java.sql.Timestamp.from(Instant.now());
    }

    @AfterEach
    void releaseStop() {
        if (emergencyStop.engaged()) {
            emergencyStop.release("test", "done");
            awaitAlertsHandled(); // the release's mail must not arrive in the next test
        }
    }

    @Test
    void sendsTheEmergencyStopAlertEvenInQuietHoursWithCriticalOnly() throws Exception {
        saveSettings(true, true);

        emergencyStop.engage("alice", "smoke in the shed");

        MimeMessage mail = awaitEmail("emergency stop engaged");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("owner@example.org");
        awaitAlertsHandled();
        assertThat(logged("alert-stop", "EMAIL")).containsExactly("SENT");
    }

    @Test
    void holdsBackResultsInQuietHoursAndWithCriticalOnly() {
        saveSettings(false, true);
        List<Delivery> quiet = notifications.send(new Notice("approval-result", Notice.Kind.INFO, "done", "done", "done"));
        saveSettings(true, false);
        List<Delivery> criticalOnly = notifications.send(new Notice("approval-result", Notice.Kind.INFO, "done", "done", null));

        assertThat(quiet).extracting(Delivery::status).containsExactly("SKIPPED", "SKIPPED");
        assertThat(quiet.get(0).detail()).isEqualTo("quiet hours");
        assertThat(criticalOnly).extracting(Delivery::detail).containsExactly("critical only");
        assertThat(smtp.getReceivedMessages()).isEmpty();
    }

    @Test
    void sendsAnApprovalQuestionInQuietHoursAndLogsTheMissingSmsSetup() {
        saveSettings(true, true);

        List<Delivery> sent = notifications.send(new Notice("approval-request", Notice.Kind.QUESTION,
                "approve?", "approve?", "approve?"));

        assertThat(sent).extracting(Delivery::channel, Delivery::status)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("EMAIL", "SENT"),
                        org.assertj.core.groups.Tuple.tuple("SMS", "SKIPPED"));
        assertThat(sent.get(0).providerId()).isNotBlank();
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void alertsOnceForASafetyBlockThatKeepsRepeating() throws Exception {
        saveSettings(false, false);
        for (int i = 0; i < 3; i++) {
            events.publishEvent(blocked("miner-1", "battery below the hard minimum"));
        }
        events.publishEvent(blocked("heater", "would import about 3000 W from the grid, limit 1000 W"));

        awaitAlertsHandled();
        assertThat(smtp.getReceivedMessages()).hasSize(2);
        assertThat(logged("alert-safety", "EMAIL")).hasSize(2);
        assertThat(smtp.getReceivedMessages()[0].getSubject()).contains("safety block on miner-1");
    }

    @Test
    void theLowBatteryAlarmIsSentInQuietHoursOncePerLevelAndClearsWithHysteresis() throws Exception {
        saveSettings(true, true); // quiet hours now, critical only
        try {
            for (double soc : new double[] {29.5, 28.0, 29.0}) {
                battery(soc); // below the default minimum of 30 %: one alarm, not three
            }
            assertThat(awaitEmail("battery low (29.5 %)").getContent().toString()).contains("below your minimum");
            battery(19.5);
            assertThat(awaitEmail("battery critical (19.5 %)").getContent().toString())
                    .contains("every load that is not essential is being switched off");
            battery(31); // above the minimum, inside the 3-point hysteresis: still on alarm
            battery(33.5);
            await().atMost(Duration.ofSeconds(5)).until(() -> logged("alert-battery", "EMAIL").size() == 3);
            assertThat(logged("alert-battery", "EMAIL")).containsExactly("SENT", "SENT", "SKIPPED");
        } finally {
            battery(80);
        }
    }

    private void battery(double soc) throws InterruptedException {
        events.publishEvent(io.commandcenter.timeseries.ReadingsStored.ofBattery(List.of(
                new io.commandcenter.timeseries.BatteryReading("home", Instant.now(), soc, 52, -10, null))));
        Thread.sleep(20); // readings a moment apart, as the engine keeps only the newest
    }

    @Test
    void alertsWhenASourceHasNoSuccessfulPoll() throws Exception {
        saveSettings(false, false);
        // Other tests poll the simulator by hand into the shared poll log: start from none.
        jdbc.sql("TRUNCATE system.poll_log, system.alerts").update();
        // The clouds poll every few seconds on the simulator; the hourly forecast (a minute there) is quiet only
        // after two missed polls, which this test does not wait for.
        long silent = polling.sources().stream()
                .filter(s -> s.enabled() && s.lastSuccess() == null && s.state() != SourceHealth.State.NOT_CONFIGURED)
                .filter(s -> s.interval().toSeconds() < 30)
                .count();
        assertThat(silent).as("tests run without pollers: no source has succeeded").isPositive();

        polling.checkAlerts(); // ingest's poll health, the one detector of quiet sources
        polling.checkAlerts(); // still quiet: not told again within alert-repeat-after

        awaitAlertsHandled();
        assertThat(logged("alert-poll", "EMAIL")).hasSize((int) silent);
        assertThat(awaitEmail("no data from").getSubject()).startsWith("CommandCenter: no data from");
    }

    private void saveSettings(boolean criticalOnly, boolean quietNow) {
        LocalTime now = LocalTime.now(ZoneOffset.UTC);
        settings.save(new NotificationSettings("owner@example.org", "+15550002222", criticalOnly,
                quietNow ? now.minusHours(1) : null, quietNow ? now.plusHours(1) : null, ConfirmationMode.NEVER), "test");
    }

    private static ActionProposed blocked(String device, String reason) {
        var request = ActionRequest.of(device, true, Source.AUTOMATION, "rule:test", "test", Instant.now());
        var decision = new Decision(request.id(), device, true, Source.AUTOMATION, "rule:test",
                Decision.Outcome.BLOCKED, List.of(reason), List.of("safety"), Map.of(), null, Instant.now(), 1);
        return new ActionProposed(request, decision);
    }

    private List<String> logged(String template, String channel) {
        return jdbc.sql("SELECT status FROM notify.log WHERE template = :t AND channel = :c ORDER BY id")
                .param("t", template).param("c", channel).query(String.class).list();
    }

    /** Every alert event published since the test began has been handled: its publication is complete (deleted). */
    private void awaitAlertsHandled() {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                        SELECT count(*) FROM system.event_publication
                        WHERE listener_id LIKE 'io.commandcenter.notify.AlertNotifier.%' AND publication_date >= :since
                        """).param("since", started).query(Long.class).single() == 0);
    }

    private MimeMessage awaitEmail(String subjectPart) {
        return await().atMost(Duration.ofSeconds(5)).until(() -> java.util.Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> {
                    try {
                        return m.getSubject().contains(subjectPart);
                    } catch (Exception e) {
                        return false;
                    }
                }).findFirst(), java.util.Optional::isPresent).orElseThrow();
    }
}
