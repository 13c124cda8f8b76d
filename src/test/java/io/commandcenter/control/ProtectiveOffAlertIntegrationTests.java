package io.commandcenter.control;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.GreenMailUtil;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.commandcenter.approval.FakeTwilio;
import io.commandcenter.control.CommandOutcome.Result;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.Source;
import io.commandcenter.engine.facts.ConfirmationMode;
import io.commandcenter.notify.NotificationSettings;
import io.commandcenter.notify.NotificationSettingsService;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.sitemodel.Faults;
import jakarta.mail.internet.MimeMessage;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * A protective off that does not take reaches the owner at once, by email (GreenMail) and SMS (a local
 * Twilio-shaped server), even in quiet hours with "critical only" set.
 */
@ControlIntegrationTest
class ProtectiveOffAlertIntegrationTests {

    static final String OWNER_EMAIL = "owner@example.org";
    static final String OWNER_PHONE = "+15550002222";
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
        registry.add("commandcenter.twilio.account-sid", () -> "AC" + "0123456789abcdef0123456789abcdef");
        registry.add("commandcenter.twilio.auth-token", () -> "test-auth-token");
        registry.add("commandcenter.twilio.from-number", () -> "+15550001111");
        registry.add("commandcenter.twilio.owner-numbers", () -> OWNER_PHONE);
        registry.add("commandcenter.twilio.api-base-url", twilio::baseUrl);
    }

    @AfterAll
    static void stopServers() {
        smtp.stop();
        twilio.close();
    }

    @Autowired CommandService commands;
    @Autowired NotificationSettingsService settings;
    @Autowired EmbeddedSimulator simulator;
    @Autowired JdbcClient jdbc;
    @Autowired java.time.Clock clock;
    @Autowired io.commandcenter.ingest.shelly.ShellyCloudClient shellyCloud;

    @BeforeEach
    void quietNight() throws Exception {
        jdbc.sql("TRUNCATE notify.log, notify.settings, control.action_log, control.retry_queue").update();
        smtp.purgeEmailFromAllMailboxes();
        twilio.clear();
        shellyCloud.resilience().circuitBreaker().reset();
        io.commandcenter.SimulatedDevices.register(jdbc, simulator);
        // Quiet hours all day and "critical only": only critical messages may go out.
        settings.save(new NotificationSettings(OWNER_EMAIL, OWNER_PHONE, true, LocalTime.MIN, LocalTime.of(23, 59, 59),
                ConfirmationMode.NEVER), "test");
    }

    @Test
    void alertsByEmailAndSmsInQuietHoursWhenAProtectiveOffFails() {
        simulator.simulator().model().setRelay("water-heater", true);
        simulator.simulator().faults().set(Faults.noneAndUnlimited().withRelayIgnoreProbability(1.0));
        ActionRequest off = new ActionRequest(UUID.randomUUID(), "water-heater", false, Source.SAFETY,
                "rule:battery floor", "battery at 18.5 % SOC, below the floor", clock.instant());
        Decision allowed = new Decision(off.id(), off.device(), false, Source.SAFETY, off.requestedBy(),
                Decision.Outcome.ALLOWED, List.of(), List.of("test"), Map.of(), null, off.at(), 0);

        CommandOutcome outcome;
        try {
            outcome = commands.carryOut(off, allowed);
        } finally {
            simulator.simulator().faults().set(Faults.noneAndUnlimited());
        }

        assertThat(outcome.result()).isEqualTo(Result.FAILED);
        MimeMessage mail = await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .filter(m -> subject(m).contains("water-heater did not switch off")).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
        assertThat(GreenMailUtil.getBody(mail)).contains("18.5 % SOC", "is still ON", "switch it off by hand");
        await().atMost(Duration.ofSeconds(10)).until(() -> !twilio.sent().isEmpty());
        assertThat(twilio.sent()).singleElement().satisfies(sms -> {
            assertThat(sms.to()).isEqualTo(OWNER_PHONE);
            assertThat(sms.body()).contains("CRITICAL", "water-heater", "18.5 % SOC", "still ON");
        });
        // Logged on the notify thread once both went out.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(jdbc.sql("""
                        SELECT channel FROM notify.log WHERE template = 'alert-protective-off' AND status = 'SENT'
                        ORDER BY channel""").query(String.class).list()).containsExactly("EMAIL", "SMS"));
        simulator.simulator().model().setRelay("water-heater", false);
    }

    private static String subject(MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            return "";
        }
    }
}
