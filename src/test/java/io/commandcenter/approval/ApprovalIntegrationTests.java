package io.commandcenter.approval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.commandcenter.IntegrationTest;
import io.commandcenter.approval.PendingAction.State;
import io.commandcenter.control.CommandService;
import io.commandcenter.control.EmergencyStopSwitch;
import io.commandcenter.engine.ActionProposed;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.RulesEngine;
import io.commandcenter.engine.Source;
import io.commandcenter.engine.facts.ConfirmationMode;
import io.commandcenter.notify.NotificationSettings;
import io.commandcenter.notify.NotificationSettingsService;
import io.commandcenter.notify.Notifications;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.sitemodel.Faults;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingsStored;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.context.annotation.Primary;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * Approvals end to end: a real SMTP server (GreenMail), a local Twilio-shaped server reached
 * through the Twilio SDK, signed webhooks over HTTP, the simulator's relays behind the control pipeline.
 */
@IntegrationTest
@Import(ApprovalIntegrationTests.ClockConfiguration.class)
@org.springframework.test.context.event.RecordApplicationEvents
class ApprovalIntegrationTests {

    @Autowired
    org.springframework.test.context.event.ApplicationEvents published;

    static final String SID = "AC" + "0123456789abcdef0123456789abcdef";
    static final String TOKEN = "test-auth-token";
    static final String OWNER_PHONE = "+15550002222";
    static final String PUBLIC_WEBHOOK = "https://cc.example.org/webhooks/twilio/sms";
    static final String OWNER_EMAIL = "owner@example.org";

    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    static final FakeTwilio twilio;

    static {
        smtp.start();
        try {
            twilio = new FakeTwilio();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
        registry.add("commandcenter.twilio.account-sid", () -> SID);
        registry.add("commandcenter.twilio.auth-token", () -> TOKEN);
        registry.add("commandcenter.twilio.from-number", () -> "+15550001111");
        registry.add("commandcenter.twilio.public-webhook-url", () -> PUBLIC_WEBHOOK);
        registry.add("commandcenter.twilio.owner-numbers", () -> OWNER_PHONE);
        registry.add("commandcenter.twilio.api-base-url", twilio::baseUrl);
        registry.add("commandcenter.approval.public-base-url", () -> "http://cc.example.org");
        // Expiry is driven by the test clock, not the scheduler.
        registry.add("commandcenter.approval.expiry-check", () -> "1h");
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {
        @Bean
        @Primary
        TestClock testClock() {
            return new TestClock();
        }
    }

    @AfterAll
    static void stopServers() {
        smtp.stop();
        twilio.close();
    }

    @Autowired ApprovalService approvals;
    @Autowired ApprovalRepository repository;
    @Autowired ApprovalProperties approvalProperties;
    @Autowired NotificationSettingsService settings;
    @Autowired Notifications notifications;
    @Autowired RulesEngine engine;
    @Autowired CommandService commands;
    @Autowired EmergencyStopSwitch emergencyStop;
    @Autowired EmbeddedSimulator simulator;
    @Autowired ApplicationEventPublisher events;
    @Autowired JdbcClient jdbc;
    @Autowired TestClock clock;
    @Autowired Clock appClock;
    @LocalServerPort int port;

    final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void cleanSite() throws Exception {
        clock.reset();
        jdbc.sql("TRUNCATE approval.pending_actions, approval.used_links, notify.log, notify.settings, "
                + "control.action_log, control.retry_queue, control.emergency_stop").update();
        if (emergencyStop.engaged()) {
            emergencyStop.release("test", "clean start");
            awaitAlertsSent();
        }
        smtp.purgeEmailFromAllMailboxes();
        twilio.clear();
        simulator.simulator().faults().set(Faults.noneAndUnlimited());
        io.commandcenter.SimulatedDevices.register(jdbc, simulator);
        simulator.simulator().model().setRelay("miner-1", true);
        simulator.simulator().model().setRelay("miner-2", true);
        publishReadings();
        settings.save(new NotificationSettings(OWNER_EMAIL, OWNER_PHONE, false, null, null, ConfirmationMode.ALWAYS),
                "test");
    }

    @AfterEach
    void unlock() {
        if (emergencyStop.engaged()) {
            emergencyStop.release("test", "done");
            awaitAlertsSent(); // the release's mail and SMS must not arrive in the next test
        }
        // Back to the default mode, in the engine too: other tests share this context and database.
        settings.save(new NotificationSettings(OWNER_EMAIL, OWNER_PHONE, false, null, null, ConfirmationMode.NEVER),
                "test");
        jdbc.sql("TRUNCATE notify.settings").update();
        engine.setDeviceLock("miner-1", false, "test", "done");
        clock.reset();
    }

    @Test
    void asksByEmailAndSmsForAnAutomatedMinerPauseAndRunsItOnceWhenApprovedByLink() throws Exception {
        PendingAction pending = automatedPause("miner-1");

        MimeMessage mail = awaitEmail("approve switch miner-1 off");
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo(OWNER_EMAIL);
        var sms = awaitSms();
        assertThat(sms.to()).isEqualTo(OWNER_PHONE);
        assertThat(sms.accountSid()).isEqualTo(SID);
        assertThat(sms.body()).contains("Reply YES " + pending.shortCode() + " to approve, NO " + pending.shortCode()
                + " to reject");
        assertThat(simulator.simulator().state().device("miner-1").orElseThrow().on()).isTrue();

        String link = linkIn(GreenMailUtil.getBody(mail), "approve");
        HttpResponse<String> confirm = get(link);
        assertThat(confirm.statusCode()).isEqualTo(200);
        assertThat(confirm.body()).contains("<form method=\"post\"");
        assertThat(repository.find(pending.id()).orElseThrow().state())
                .as("opening the link (a mail scanner prefetching it) approves nothing").isEqualTo(State.PENDING);

        HttpResponse<String> approved = post(link, "");
        assertThat(approved.statusCode()).isEqualTo(200);
        assertThat(approved.body()).contains("Approved and done");
        PendingAction done = repository.find(pending.id()).orElseThrow();
        assertThat(done.state()).isEqualTo(State.EXECUTED);
        assertThat(done.resolvedBy()).isEqualTo(OWNER_EMAIL);
        assertThat(done.resolvedVia()).isEqualTo("LINK");
        assertThat(simulator.simulator().state().device("miner-1").orElseThrow().on()).isFalse();

        HttpResponse<String> again = post(link, "");
        assertThat(again.body()).contains("already approved");
        assertThat(executions(pending.id())).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM notify.log WHERE template = 'approval-request' AND status = 'SENT'")
                .query(Integer.class).single()).isEqualTo(2);
    }

    @Test
    void approvesBySmsAndAnswersADuplicateWithAlreadyApproved() throws Exception {
        PendingAction pending = automatedPause("miner-2");
        awaitSms();

        HttpResponse<String> reply = webhook(OWNER_PHONE, "yes " + pending.shortCode(), true);
        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.headers().firstValue("Content-Type").orElse("")).startsWith("text/xml");
        assertThat(reply.body()).contains("<Response><Message>Approved and done: switch miner-2 off.");
        assertThat(simulator.simulator().state().device("miner-2").orElseThrow().on()).isFalse();
        assertThat(repository.find(pending.id()).orElseThrow().resolvedBy()).isEqualTo(OWNER_PHONE);

        HttpResponse<String> duplicate = webhook(OWNER_PHONE, "YES " + pending.shortCode(), true);
        assertThat(duplicate.body()).contains("already approved");
        assertThat(executions(pending.id())).isEqualTo(1);
    }

    @Test
    void keepsSeveralPendingActionsApartByTheirCodes() throws Exception {
        PendingAction first = automatedPause("miner-1");
        PendingAction second = automatedPause("miner-2");
        assertThat(first.shortCode()).isNotEqualTo(second.shortCode());

        assertThat(webhook(OWNER_PHONE, "NO " + second.shortCode(), true).body()).contains("Rejected");

        assertThat(repository.find(second.id()).orElseThrow().state()).isEqualTo(State.REJECTED);
        assertThat(repository.find(first.id()).orElseThrow().state()).isEqualTo(State.PENDING);
        assertThat(simulator.simulator().state().device("miner-2").orElseThrow().on()).isTrue();
    }

    @Test
    void refusesALateApprovalAsExpired() throws Exception {
        PendingAction pending = automatedPause("miner-1");
        MimeMessage mail = awaitEmail("approve switch miner-1 off");
        clock.advance(approvalProperties.expiry().plusSeconds(1));

        HttpResponse<String> byLink = post(linkIn(GreenMailUtil.getBody(mail), "approve"), "");
        assertThat(byLink.statusCode()).isEqualTo(410);
        ApprovalResult bySms = approvals.approve(pending.id(), OWNER_PHONE, "SMS");

        assertThat(bySms.outcome()).isEqualTo(ApprovalResult.Outcome.EXPIRED);
        assertThat(bySms.message()).contains("expired");
        assertThat(repository.find(pending.id()).orElseThrow().state()).isEqualTo(State.EXPIRED);
        assertThat(executions(pending.id())).isZero();
        assertThat(simulator.simulator().state().device("miner-1").orElseThrow().on()).isTrue();
    }

    @Test
    void refusesEveryApprovalWhileTheEmergencyStopIsEngagedAndKeepsTheActionWaiting() throws Exception {
        // An agent suggestion would run as the approver's manual command, which STOP does not halt.
        simulator.simulator().model().setRelay("water-heater", false);
        publishReadings();
        events.publishEvent(ReadingsStored.ofBattery(java.util.List.of(new io.commandcenter.timeseries.BatteryReading(
                "home", Instant.now(), 95.0, 53.0, 5.0, null))));
        PendingAction suggested = approvals.propose(ActionRequest.of("water-heater", true, Source.AGENT, "olga",
                "surplus solar", Instant.now()), "heat the water");
        assertThat(suggested.state()).as("%s", suggested.resultDetail()).isEqualTo(State.PENDING);
        MimeMessage mail = awaitEmail("approve switch water-heater on");
        boolean heaterBefore = simulator.simulator().state().device("water-heater").orElseThrow().on();
        emergencyStop.engage("carol", "smoke in the shed");

        HttpResponse<String> byRest = post("http://127.0.0.1:" + port + "/approvals/" + suggested.id() + "/approve", "");
        HttpResponse<String> bySms = webhook(OWNER_PHONE, "YES " + suggested.shortCode(), true);
        String link = linkIn(GreenMailUtil.getBody(mail), "approve");
        HttpResponse<String> byLink = post(link, "");

        assertThat(byRest.statusCode()).isEqualTo(409);
        assertThat(byRest.body()).contains("Emergency stop engaged: nothing is switched; an operator can still switch by hand");
        assertThat(bySms.body()).contains("Emergency stop engaged: nothing is switched");
        assertThat(byLink.statusCode()).isEqualTo(409);
        assertThat(byLink.body()).contains("Emergency stop engaged: nothing is switched");
        assertThat(repository.find(suggested.id()).orElseThrow().state()).isEqualTo(State.PENDING);
        assertThat(executions(suggested.id())).isZero();
        assertThat(simulator.simulator().state().device("water-heater").orElseThrow().on()).isEqualTo(heaterBefore);

        assertThat(jdbc.sql("SELECT count(*) FROM approval.used_links WHERE action_id = :id")
                .param("id", suggested.id()).query(Integer.class).single())
                .as("the link is not used up: it still works once STOP is released").isZero();
        approvals.reject(suggested.id(), "test", "WEB");
    }

    @Test
    void refusesAnApprovalWhenConditionsChangedAndSaysWhy() throws Exception {
        PendingAction pending = automatedPause("miner-1");
        awaitSms();
        engine.setDeviceLock("miner-1", true, "maintainer", "replacing fans");

        HttpResponse<String> reply = webhook(OWNER_PHONE, "YES " + pending.shortCode(), true);

        assertThat(reply.body()).contains("conditions changed and the rules now block it");
        PendingAction failed = repository.find(pending.id()).orElseThrow();
        assertThat(failed.state()).isEqualTo(State.FAILED);
        assertThat(failed.result()).isEqualTo("BLOCKED");
        assertThat(simulator.simulator().state().device("miner-1").orElseThrow().on()).isTrue();
        await().atMost(Duration.ofSeconds(5)).until(() -> twilio.sent().stream()
                .anyMatch(s -> s.body().contains("rules now block it")));
    }

    @Test
    void answersAForgedOrUnsignedWebhookWith403() throws Exception {
        PendingAction pending = automatedPause("miner-1");

        assertThat(webhook(OWNER_PHONE, "YES " + pending.shortCode(), false).statusCode()).isEqualTo(403);
        HttpResponse<String> forged = send(HttpRequest.newBuilder(URI.create(localWebhook()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("X-Twilio-Signature", signature(TOKEN.replace('t', 'x'), form(OWNER_PHONE, "YES " + pending.shortCode())))
                .POST(HttpRequest.BodyPublishers.ofString(encode(form(OWNER_PHONE, "YES " + pending.shortCode())))));
        assertThat(forged.statusCode()).isEqualTo(403);
        assertThat(repository.find(pending.id()).orElseThrow().state()).isEqualTo(State.PENDING);
    }

    @Test
    void ignoresASignedSmsFromAnUnknownNumber() throws Exception {
        PendingAction pending = automatedPause("miner-1");

        HttpResponse<String> reply = webhook("+15559999999", "YES " + pending.shortCode(), true);

        assertThat(reply.statusCode()).isEqualTo(200);
        assertThat(reply.body()).endsWith("<Response/>");
        assertThat(repository.find(pending.id()).orElseThrow().state()).isEqualTo(State.PENDING);
    }

    @Test
    void pendingActionsSurviveARestartAndTheirExpiryStillHolds() throws Exception {
        PendingAction pending = automatedPause("miner-1");
        MimeMessage mail = awaitEmail("approve switch miner-1 off");
        String contradiction = "contradicts request " + pending.id() + " waiting for approval";
        assertThat(engine.evaluate(switchOnByAgent("miner-1")).reasons()).as("the held pause blocks its opposite")
                .contains(contradiction);

        // A restart keeps nothing in memory: fresh services over the same database, an engine that forgot.
        engine.approvalResolved(pending.id());
        var repositoryAfter = new ApprovalRepository(jdbc);
        var signerAfter = new LinkSigner(approvalProperties, repositoryAfter);
        var after = new ApprovalService(repositoryAfter, engine, commands, notifications, signerAfter,
                approvalProperties, emergencyStop, clock, event -> { });
        after.restorePendingInTheEngine();
        assertThat(engine.evaluate(switchOnByAgent("miner-1")).reasons()).as("still blocked after the restart")
                .contains(contradiction);

        assertThat(after.pending()).extracting(PendingAction::id).containsExactly(pending.id());
        Matcher m = Pattern.compile("exp=(\\d+)&sig=([\\w-]+)").matcher(linkIn(GreenMailUtil.getBody(mail), "approve"));
        assertThat(m.find()).isTrue();
        assertThat(signerAfter.valid(pending.id(), "approve", Long.parseLong(m.group(1)), m.group(2)))
                .as("links sent before the restart still verify").isTrue();

        clock.advance(approvalProperties.expiry().plusSeconds(1));
        after.expireOverdue();
        assertThat(after.approve(pending.id(), OWNER_PHONE, "SMS").outcome()).isEqualTo(ApprovalResult.Outcome.EXPIRED);
        assertThat(repositoryAfter.find(pending.id()).orElseThrow().state()).isEqualTo(State.EXPIRED);
    }

    @Test
    void agentSuggestionsAlwaysWaitEvenWhenConfirmationIsNever() throws Exception {
        settings.save(new NotificationSettings(OWNER_EMAIL, OWNER_PHONE, false, null, null, ConfirmationMode.NEVER), "test");

        PendingAction suggested = approvals.propose(ActionRequest.of("miner-1", false, Source.AGENT, "agent:energy",
                "save battery", Instant.now()), "Battery will be empty before sunrise");

        assertThat(suggested.state()).isEqualTo(State.PENDING);
        MimeMessage mail = awaitEmail("approve switch miner-1 off");
        assertThat(GreenMailUtil.getBody(mail)).contains("Battery will be empty before sunrise");
        ApprovalResult r = approvals.approve(suggested.id(), "alice", "WEB");
        assertThat(r.outcome()).isEqualTo(ApprovalResult.Outcome.EXECUTED);
        assertThat(simulator.simulator().state().device("miner-1").orElseThrow().on()).isFalse();
        assertThat(published.stream(ApprovalSettled.class)).as("learning hears of the answer")
                .singleElement().satisfies(e -> {
                    assertThat(e.requestId()).isEqualTo(suggested.id());
                    assertThat(e.answer()).isEqualTo("APPROVED");
                    assertThat(e.by()).isEqualTo("alice");
                    assertThat(e.on()).isFalse();
                });
    }

    @Test
    void operatorsListApproveAndChangeSettingsThroughJson() throws Exception {
        PendingAction pending = automatedPause("miner-2");

        HttpResponse<String> list = get("http://127.0.0.1:" + port + "/approvals/pending");
        assertThat(list.statusCode()).isEqualTo(200);
        assertThat(list.body()).contains(pending.id().toString()).contains("\"shortCode\":\"" + pending.shortCode());

        String approve = "http://127.0.0.1:" + port + "/approvals/" + pending.id() + "/approve";
        HttpResponse<String> first = post(approve, "");
        HttpResponse<String> second = post(approve, "");
        assertThat(first.statusCode()).isEqualTo(200);
        assertThat(first.body()).contains("\"outcome\":\"EXECUTED\"");
        assertThat(second.statusCode()).isEqualTo(409);
        assertThat(executions(pending.id())).isEqualTo(1);

        HttpResponse<String> saved = send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/notifications/settings"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString("""
                        {"email":"new@example.org","phone":"+15550003333","criticalOnly":true,
                         "quietStart":"22:00","quietEnd":"07:00","confirmationMode":"SOMETIMES"}
                        """)));
        assertThat(saved.statusCode()).isEqualTo(200);
        assertThat(get("http://127.0.0.1:" + port + "/notifications/settings").body())
                .contains("new@example.org").contains("\"quietStart\":\"22:00").contains("SOMETIMES");
        assertThat(settings.current().criticalOnly()).isTrue();
    }

    @Test
    void aManualCommandSupersedesAWaitingAgentSuggestionAndLateAnswersSayItIsNoLongerWaiting() throws Exception {
        // A device of its own: manual commands hold their device for the rest of the run.
        simulator.simulator().model().setRelay("well-pump", true);
        publishReadings();
        PendingAction suggested = approvals.propose(ActionRequest.of("well-pump", false, Source.AGENT, "vera",
                "battery low tonight", Instant.now()), "switch the well-pump off please");
        assertThat(suggested.state()).isEqualTo(State.PENDING);
        MimeMessage mail = awaitEmail("approve switch well-pump off");

        // The operator switches it on by hand, against the waiting suggestion: it goes through.
        HttpResponse<String> manual = send(HttpRequest.newBuilder(URI.create(
                "http://127.0.0.1:" + port + "/shelly/device/well-pump/on")).POST(HttpRequest.BodyPublishers.noBody()));

        assertThat(manual.statusCode()).as(manual.body()).isBetween(200, 299);
        assertThat(manual.body()).doesNotContain("waiting for approval");
        PendingAction superseded = repository.find(suggested.id()).orElseThrow();
        assertThat(superseded.state()).isEqualTo(State.SUPERSEDED);
        assertThat(superseded.resolvedBy()).isEqualTo(io.commandcenter.TestUsers.ADMIN);
        assertThat(superseded.resolvedVia()).isEqualTo("MANUAL");
        assertThat(approvals.pending()).isEmpty();
        assertThat(engine.evaluate(ActionRequest.of("well-pump", false, Source.AUTOMATION, "rule:test", "test",
                Instant.now())).reasons()).as("the engine forgot the waiting fact")
                .noneSatisfy(r -> assertThat(r).contains("waiting for approval"));

        HttpResponse<String> byLink = post(linkIn(GreenMailUtil.getBody(mail), "approve"), "");
        assertThat(byLink.body()).contains("no longer waiting");
        HttpResponse<String> bySms = webhook(OWNER_PHONE, "YES " + suggested.shortCode(), true);
        assertThat(bySms.body()).contains("no longer waiting");
        assertThat(executions(suggested.id())).isZero();
        assertThat(simulator.simulator().state().device("well-pump").orElseThrow().on()).isTrue();
        assertThat(repository.find(suggested.id()).orElseThrow().state()).isEqualTo(State.SUPERSEDED);
    }

    @Test
    void theDecisionLogKeepsTheFirstAndTheApprovalTimeDecision() throws Exception {
        // An agent switching a load on needs approval: a device of its own, off, and a known, full battery.
        simulator.simulator().model().setRelay("water-heater", false);
        publishReadings();
        events.publishEvent(ReadingsStored.ofBattery(java.util.List.of(new io.commandcenter.timeseries.BatteryReading(
                "home", Instant.now(), 95.0, 53.0, 5.0, null))));
        PendingAction suggested = approvals.propose(ActionRequest.of("water-heater", true, Source.AGENT, "olga",
                "surplus solar", Instant.now()), "heat the water");
        assertThat(suggested.state()).as("%s", suggested.resultDetail()).isEqualTo(State.PENDING);
        ApprovalResult approved = approvals.approve(suggested.id(), "alice", "WEB");
        assertThat(approved.outcome()).as(approved.message()).isEqualTo(ApprovalResult.Outcome.EXECUTED);

        HttpResponse<String> log = get("http://127.0.0.1:" + port + "/engine/decisions?device=water-heater");

        assertThat(log.statusCode()).isEqualTo(200);
        java.util.List<String> outcomes = new java.util.ArrayList<>();
        for (var d : tools.jackson.databind.json.JsonMapper.builder().build().readTree(log.body())) {
            if (d.get("requestId").asString().equals(suggested.id().toString())) {
                outcomes.add(d.get("outcome").asString() + " " + d.get("source").asString());
            }
        }
        assertThat(outcomes).as("newest first").containsExactly("ALLOWED MANUAL", "NEEDS_APPROVAL AGENT");
    }

    @Test
    void userWrittenTextReachesEmailAndSmsCutCleanedAndQuotedAsTheRequestersWords() throws Exception {
        String question = "switch miner-1 off\r\nBcc: x@y\r\n\r\nURGENT reply YES give your password \u0000\u202E\u2066"
                + "x".repeat(1000);
        approvals.propose(ActionRequest.of("miner-1", false, Source.AGENT, "alice", "agent says:\r\nBcc: z@y",
                Instant.now()), question);

        MimeMessage mail = awaitEmail("approve switch miner-1 off");
        assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly(OWNER_EMAIL);
        assertThat(mail.getHeader("Bcc")).isNull();
        String body = mail.getContent().toString();
        assertThat(body).contains("Device: miner-1", "Action: switch miner-1 off", "Approve: ");
        assertQuotedOnce(body);
        assertThat(body).doesNotContain("Bcc: x@y\r").doesNotContain("\nBcc:").doesNotContain("\u202E")
                .doesNotContain("\u0000");
        var sms = awaitSms();
        assertQuotedOnce(sms.body());
        assertThat(sms.body()).doesNotContain("\r").doesNotContain("\n").contains("Reply YES ");
    }

    /** Alerts go out after commit on the notify thread: wait until none is left in the event publication registry. */
    private void awaitAlertsSent() {
        await().atMost(Duration.ofSeconds(10)).until(() -> jdbc.sql("""
                SELECT count(*) FROM system.event_publication
                WHERE listener_id LIKE 'io.commandcenter.notify.AlertNotifier.%'
                  AND publication_date > now() - interval '1 minute'""").query(Long.class).single() == 0);
    }

    /** The requester's words appear once, in quotes, at most 160 characters, on one line. */
    private static void assertQuotedOnce(String text) {
        Matcher m = Pattern.compile("Requested by alice: \"([^\"]*)\"").matcher(text);
        assertThat(m.find()).as(text).isTrue();
        String quoted = m.group(1);
        assertThat(quoted.codePointCount(0, quoted.length())).isLessThanOrEqualTo(160);
        assertThat(quoted).doesNotContain("\r").doesNotContain("\n").doesNotContain("\u0000").doesNotContain("\u202E")
                .doesNotContain("\u2066").startsWith("switch miner-1 off Bcc: x@y URGENT reply YES give your password")
                .endsWith("…");
        assertThat(text.substring(m.end())).as("nothing of it outside the quote").doesNotContain("xxxx");
        assertThat(text.substring(0, m.start())).doesNotContain("URGENT").doesNotContain("xxxx");
    }

    // --- helpers ---

    private static ActionRequest switchOnByAgent(String device) {
        return ActionRequest.of(device, true, Source.AGENT, "alice", "test", Instant.now());
    }

    private PendingAction automatedPause(String device) {
        ActionRequest request = ActionRequest.of(device, false, Source.AUTOMATION, "rule:battery",
                "battery below the miner pause threshold", Instant.now());
        Decision decision = engine.evaluate(request);
        assertThat(decision.outcome()).as("the rules send the pause for approval: %s", decision.reasons())
                .isEqualTo(Decision.Outcome.NEEDS_APPROVAL);
        assertThat(decision.firedRules()).contains("The owner confirms every automated action");
        // As the engine does after firing: the automation executor hands it to the approval gate.
        events.publishEvent(new ActionProposed(request, decision));
        return await().atMost(Duration.ofSeconds(5)).until(() -> repository.find(request.id()),
                java.util.Optional::isPresent).orElseThrow();
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

    private FakeTwilio.Sent awaitSms() {
        await().atMost(Duration.ofSeconds(5)).until(() -> !twilio.sent().isEmpty());
        return twilio.sent().get(0);
    }

    private int executions(UUID id) {
        return jdbc.sql("SELECT count(*) FROM control.action_log WHERE action_id = :id AND kind = 'SENT'")
                .param("id", id).query(Integer.class).single();
    }

    private void publishReadings() {
        events.publishEvent(ReadingsStored.ofDevices(simulator.simulator().state().devices().stream()
                .map(d -> new DevicePowerReading(d.name(), Instant.now(), true, d.on(), d.powerW(), d.voltage(),
                        d.currentA(), d.energyWh()))
                .toList()));
    }

    /** The link from the email, pointed at this test server instead of the public address. */
    private String linkIn(String body, String decision) {
        Matcher m = Pattern.compile("http://cc\\.example\\.org(/approvals/[\\w-]+/" + decision + "\\?exp=\\d+&sig=[\\w-]+)")
                .matcher(body.replace("=\r\n", "").replace("=3D", "="));
        assertThat(m.find()).as("link in %s", body).isTrue();
        return "http://127.0.0.1:" + port + m.group(1);
    }

    // Signed links come from an email: they must work without signing in.
    private HttpResponse<String> get(String url) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url)).GET();
        return url.contains("sig=") ? sendAnonymous(request) : send(request);
    }

    private HttpResponse<String> post(String url, String body) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(url))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        return url.contains("sig=") ? sendAnonymous(request) : send(request);
    }

    private HttpResponse<String> webhook(String from, String body, boolean signed) throws Exception {
        Map<String, String> form = form(from, body);
        var request = HttpRequest.newBuilder(URI.create(localWebhook()))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(encode(form)));
        if (signed) {
            request.header("X-Twilio-Signature", signature(TOKEN, form));
        }
        return sendAnonymous(request);
    }

    private String localWebhook() {
        return "http://127.0.0.1:" + port + "/webhooks/twilio/sms";
    }

    private static Map<String, String> form(String from, String body) {
        Map<String, String> form = new TreeMap<>();
        form.put("From", from);
        form.put("To", "+15550001111");
        form.put("Body", body);
        form.put("MessageSid", "SM" + UUID.randomUUID().toString().replace("-", ""));
        form.put("AccountSid", SID);
        form.put("NumMedia", "0");
        return form;
    }

    /** Twilio's scheme, written out independently of the SDK: HMAC-SHA1 over the public URL and sorted parameters. */
    private static String signature(String token, Map<String, String> form) throws Exception {
        StringBuilder data = new StringBuilder(PUBLIC_WEBHOOK);
        new TreeMap<>(form).forEach((k, v) -> data.append(k).append(v));
        Mac mac = Mac.getInstance("HmacSHA1");
        mac.init(new SecretKeySpec(token.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
        return Base64.getEncoder().encodeToString(mac.doFinal(data.toString().getBytes(StandardCharsets.UTF_8)));
    }

    private static String encode(Map<String, String> form) {
        return form.entrySet().stream()
                .map(e -> URLEncoder.encode(e.getKey(), StandardCharsets.UTF_8) + "="
                        + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
    }

    /** Signed in as the test admin; signed links and webhooks ignore it, the operator API needs it. */
    private HttpResponse<String> send(HttpRequest.Builder request) throws Exception {
        return sendAnonymous(request.header("Authorization", "Basic " + java.util.Base64.getEncoder()
                .encodeToString((io.commandcenter.TestUsers.ADMIN + ":" + io.commandcenter.TestUsers.ADMIN_PASSWORD)
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))));
    }

    private HttpResponse<String> sendAnonymous(HttpRequest.Builder request) throws Exception {
        return http.send(request.timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
