package io.commandcenter.web;

import io.commandcenter.engine.facts.ConfirmationMode;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.approval.ApprovalService;
import io.commandcenter.approval.PendingAction;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Source;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.sitemodel.Faults;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingWriter;
import io.commandcenter.timeseries.ReadingsStored;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Asking the agents on /chat, and approving an agent's suggestion on /hardware, in headless Chromium. */
@IntegrationTest
class ChatAndApprovalsBrowserIntegrationTests extends BrowserTestSupport {

    @Autowired ReadingWriter readings;
    @Autowired ApprovalService approvals;
    @Autowired EmbeddedSimulator simulator;
    @Autowired ApplicationEventPublisher events;
    @Autowired JdbcClient jdbc;
    @Autowired io.commandcenter.notify.NotificationSettingsService notificationSettings;

    @BeforeEach
    void testAccounts() {
        TestUsers.ensure(accounts, "otto", Role.OPERATOR);
        TestUsers.ensure(accounts, "vera", Role.VIEWER);
    }

    @Test
    void viewerAsksForTheBatteryAndGetsTheStoredFigure() {
        readings.storeBattery(List.of(new BatteryReading("home", Instant.now().minusSeconds(5), 63.4, 51.2, -12.5, 24.0)));

        browser.signIn("vera", TestUsers.password("vera"));
        browser.find(By.linkText("Chat")).click();
        browser.find(By.id("question")).sendKeys("what is the battery at?");
        browser.find(By.id("ask")).click();

        String answer = browser.waitForText(By.id("answers"), "63.4");
        assertThat(answer).contains("Offline mode").contains("get_cerbo_battery_status").contains("Manager → SolarController");
        browser.waitForText(By.id("conversations"), "what is the battery at?");
        browser.screenshot("chat");
    }

    @Test
    void viewerPicksTheEnergyOrchestratorForAWhatIfAndSeesADryRun() {
        browser.signIn("vera", TestUsers.password("vera"));
        browser.find(By.linkText("Chat")).click();
        new org.openqa.selenium.support.ui.Select(browser.find(By.id("agent"))).selectByValue("energy-orchestrator");
        browser.find(By.id("question")).sendKeys("what if the miner pause threshold were 60%?");
        browser.find(By.id("ask")).click();

        String answer = browser.waitForText(By.id("answers"), "Miner pauses");
        assertThat(answer).contains("EnergyOrchestrator (asked directly)", "simulate_preference_change",
                "Dry run in test mode", "pauseMinersBelow");
        browser.screenshot("chat-what-if");
    }

    @Test
    void operatorApprovesAnAgentSuggestionAndItRunsOnce() {
        simulator.simulator().faults().set(Faults.noneAndUnlimited());
        io.commandcenter.SimulatedDevices.register(jdbc, simulator);
        simulator.simulator().model().setRelay("miner-2", true);
        events.publishEvent(ReadingsStored.ofDevices(simulator.simulator().state().devices().stream()
                .map(d -> new DevicePowerReading(d.name(), Instant.now(), true, d.on(), d.powerW(), d.voltage(),
                        d.currentA(), d.energyWh()))
                .toList()));
        PendingAction pending = approvals.propose(ActionRequest.of("miner-2", false, Source.AGENT,
                "agent:energy-orchestrator", "battery will not last the night", Instant.now()), "save the battery");
        assertThat(pending.state()).isEqualTo(PendingAction.State.PENDING);
        assertThat(simulator.simulator().state().device("miner-2").orElseThrow().on()).isTrue();

        long sentBefore = sentByOtto();
        browser.signIn("otto", TestUsers.password("otto"));
        browser.find(By.linkText("Hardware")).click();
        browser.waitForText(By.id("pending-approvals"), "Turn off miner-2");
        browser.screenshot("approvals");
        browser.find(By.cssSelector("#approval-" + pending.id() + " button.approve")).click();

        browser.waitUntil(Duration.ofSeconds(30),
                d -> d.findElement(By.id("approvals-notices")).getText().isBlank() ? null : true);
        browser.waitForText(By.id("pending-approvals"), "Nothing is waiting for approval.");
        assertThat(simulator.simulator().state().device("miner-2").orElseThrow().on()).isFalse();
        assertThat(sentByOtto()).isEqualTo(sentBefore + 1);
    }

    private long sentByOtto() {
        return jdbc.sql("SELECT count(*) FROM control.action_log WHERE kind = 'SENT' AND device = 'miner-2' "
                + "AND requested_by = 'otto'").query(Long.class).single();
    }

    @Test
    void adminSetsWhereApprovalRequestsGoAndWhenToAsk() {
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.find(By.linkText("Settings")).click();
        var form = browser.find(By.id("notifications"));
        browser.waitUntil(d -> d.findElement(By.name("confirmationMode")).isEnabled() ? true : null);
        form.findElement(By.name("email")).clear();
        form.findElement(By.name("email")).sendKeys("owner@example.org");
        new org.openqa.selenium.support.ui.Select(form.findElement(By.name("confirmationMode"))).selectByValue("ALWAYS");
        browser.find(By.id("save-notifications")).click();

        browser.waitForText(By.id("notify-notices"), "saved");
        assertThat(notificationSettings.current().email()).isEqualTo("owner@example.org");
        assertThat(notificationSettings.current().confirmationMode().name()).isEqualTo("ALWAYS");
        notificationSettings.save(new io.commandcenter.notify.NotificationSettings(null, null, false, null, null,
                io.commandcenter.engine.facts.ConfirmationMode.NEVER), "test");
    }
}
