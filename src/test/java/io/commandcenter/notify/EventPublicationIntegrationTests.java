package io.commandcenter.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.doCallRealMethod;
import static org.mockito.Mockito.doThrow;

import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import io.commandcenter.IntegrationTest;
import io.commandcenter.engine.ActionProposed;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.Source;
import io.commandcenter.engine.facts.ConfirmationMode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.modulith.events.IncompleteEventPublications;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.bean.override.mockito.MockitoSpyBean;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Alerts survive a failure between the decision and the mail: the event is recorded in {@code system.event_publication}
 * in the transaction that publishes it (as the engine stores a decision and publishes it), the notifier runs only
 * after that commits, and a notifier that failed leaves the record incomplete, to be delivered again.
 */
@IntegrationTest
class EventPublicationIntegrationTests {

    static final GreenMail smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());

    static {
        smtp.start();
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("spring.mail.host", () -> "127.0.0.1");
        registry.add("spring.mail.port", () -> smtp.getSmtp().getPort());
    }

    @AfterAll
    static void stopSmtp() {
        smtp.stop();
    }

    @MockitoSpyBean Notifications notifications;
    @Autowired NotificationSettingsService settings;
    @Autowired ApplicationEventPublisher events;
    @Autowired IncompleteEventPublications incomplete;
    @Autowired PlatformTransactionManager transactionManager;
    @Autowired JdbcClient jdbc;

    @BeforeEach
    void clean() throws Exception {
        jdbc.sql("TRUNCATE notify.log, notify.settings").update();
        jdbc.sql("DELETE FROM system.event_publication WHERE serialized_event LIKE '%durable-%'").update();
        smtp.purgeEmailFromAllMailboxes();
        settings.save(new NotificationSettings("owner@example.org", null, false, null, null, ConfirmationMode.NEVER),
                "test");
    }

    @Test
    void anAlertWhoseNotifierFailedStaysRecordedAndIsSentWhenResubmitted() {
        doThrow(new IllegalStateException("the application stopped mid-send")).doCallRealMethod()
                .when(notifications).send(any());

        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            events.publishEvent(blocked("durable-miner"));
            assertThat(records("durable-miner")).as("recorded in the publishing transaction").containsExactly("PUBLISHED");
            assertThat(smtp.getReceivedMessages()).as("nothing is sent before the commit").isEmpty();
        });

        await().atMost(Duration.ofSeconds(10)).until(() -> records("durable-miner").equals(List.of("FAILED")));
        assertThat(smtp.getReceivedMessages()).isEmpty();

        incomplete.resubmitIncompletePublications(publication -> publication.getEvent() instanceof ActionProposed p
                && p.request().device().equals("durable-miner"));

        await().atMost(Duration.ofSeconds(10)).until(() -> Arrays.stream(smtp.getReceivedMessages())
                .anyMatch(m -> subject(m).contains("safety block on durable-miner")));
        await().atMost(Duration.ofSeconds(10)).until(() -> records("durable-miner").isEmpty()); // completed: deleted
        assertThat(smtp.getReceivedMessages()).hasSize(1);
    }

    @Test
    void aRolledBackDecisionIsNeitherRecordedNorSent() {
        new TransactionTemplate(transactionManager).executeWithoutResult(tx -> {
            events.publishEvent(blocked("durable-heater"));
            tx.setRollbackOnly();
        });

        events.publishEvent(blocked("durable-pump")); // outside a transaction: recorded and handled at once
        await().atMost(Duration.ofSeconds(10)).until(() -> smtp.getReceivedMessages().length == 1
                && records("durable-pump").isEmpty());
        assertThat(subject(smtp.getReceivedMessages()[0])).contains("durable-pump");
        assertThat(records("durable-heater")).isEmpty();
    }

    private static ActionProposed blocked(String device) {
        var request = ActionRequest.of(device, true, Source.AUTOMATION, "rule:test", "test", Instant.now());
        var decision = new Decision(request.id(), device, true, Source.AUTOMATION, "rule:test",
                Decision.Outcome.BLOCKED, List.of("battery below the hard minimum"), List.of("safety"), Map.of(), null,
                Instant.now(), 1);
        return new ActionProposed(request, decision);
    }

    /** The registry's records of the notifier's publications for a device's events: their status. */
    private List<String> records(String device) {
        return jdbc.sql("""
                        SELECT status FROM system.event_publication
                        WHERE listener_id LIKE 'io.commandcenter.notify.AlertNotifier.onProposal%'
                          AND serialized_event LIKE :device""")
                .param("device", "%\"" + device + "\"%").query(String.class).list();
    }

    private static String subject(jakarta.mail.internet.MimeMessage m) {
        try {
            return m.getSubject();
        } catch (Exception e) {
            return "";
        }
    }
}
