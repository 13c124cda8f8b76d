package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.control.EmergencyStopSwitch;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.simulation.EmbeddedSimulator;
import io.commandcenter.sitemodel.Faults;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingWriter;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.commandcenter.engine.RulesEngine;
import org.openqa.selenium.Alert;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * Switching devices and the emergency stop in headless Chromium: confirm a switch and find it in the history,
 * a failed switch and its retry, STOP with a reason and its release by an admin. Saves screenshots.
 */
@IntegrationTest
// An application of its own: switching state (cloud circuit breaker, manual holds) must neither come in from
// other tests sharing the default context nor go out to them.
@TestPropertySource(properties = "commandcenter.test.context=hardware-pages")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class HardwarePagesBrowserIntegrationTests extends BrowserTestSupport {

    @Autowired JdbcClient jdbc;
    @Autowired EmbeddedSimulator simulator;
    @Autowired ReadingWriter readings;
    @Autowired EmergencyStopSwitch emergencyStop;
    @Autowired RulesEngine engine;
    @Autowired DeviceRegistry devices;

    @BeforeEach
    void aSiteWithRelays() {
        TestUsers.ensure(accounts, "otto", Role.OPERATOR);
        TestUsers.ensure(accounts, "vera", Role.VIEWER);
        if (emergencyStop.engaged()) {
            emergencyStop.release("test", "clean start");
        }
        simulator.simulator().faults().set(Faults.noneAndUnlimited());
        // Other tests move clocks; start from this moment's readings only.
        jdbc.sql("TRUNCATE shelly.power_readings, shelly.latest_readings").update();
        // Register the simulated relays as onboarding would, and store a reading of each as a poll would.
        for (var device : simulator.simulator().scenario().devices()) {
            // other tests leave relays of the same name with made-up cloud ids behind: replace them
            jdbc.sql("DELETE FROM shelly.devices WHERE name = :name OR (cloud_id = :cloud AND channel = :channel)")
                    .param("name", device.name()).param("cloud", device.cloudId()).param("channel", device.channel())
                    .update();
            jdbc.sql("""
                    INSERT INTO shelly.devices (name, cloud_id, channel, type, rated_power, online)
                    VALUES (:name, :cloud, :channel, :type, :rated, true)
                    """).param("name", device.name()).param("cloud", device.cloudId()).param("channel", device.channel())
                    .param("type", device.type().name()).param("rated", device.ratedPowerW()).update();
        }
        // a full battery, so the miner rules have no reason to pause miner-1 while the test switches it
        readings.storeBattery(List.of(new BatteryReading("home", Instant.now(), 95, 54, 5, 25.0)));
        simulator.simulator().model().setRelay("miner-1", true);
        readings.storeDevices(simulator.simulator().state().devices().stream()
                .map(d -> new DevicePowerReading(d.name(), Instant.now(), true, d.on(), d.powerW(), d.voltage(),
                        d.currentA(), d.energyWh()))
                .toList());
    }

    @AfterEach
    void leaveTheSiteAsFound() {
        if (emergencyStop.engaged()) {
            emergencyStop.release("test", "done");
        }
        engine.setDeviceLock("miner-2", false, "test", "done"); // locks are stored: never leave one behind
    }

    // ---- hardware ----

    @Test
    void operatorSwitchesADeviceWithConfirmationAndFindsItInHistory() {
        browser.signIn("otto", TestUsers.password("otto"));
        browser.find(By.linkText("Hardware")).click();

        browser.find(By.cssSelector("#hw-miner-1 button.switch")).click();
        assertThat(browser.find(By.id("confirm-text")).getText()).isEqualTo("Turn off miner-1?");
        browser.screenshot("hardware-confirm");
        browser.find(By.id("confirm-ok")).click();

        browser.waitForText(By.cssSelector("#hw-miner-1 .outcome"), "miner-1 is off");
        assertThat(browser.find(By.cssSelector("#hw-miner-1 .state")).getText()).isEqualTo("off");
        String timeline = browser.waitForText(By.id("timeline"), "Turn off miner-1 — SUCCEEDED");
        assertThat(timeline).contains("by otto");
        assertThat(simulator.simulator().state().device("miner-1").orElseThrow().on()).isFalse();
        browser.screenshot("hardware");
    }

    @Test
    void showsAFailedSwitchAndRetriesIt() {
        // the cloud reports the relay offline: nothing is sent (a failing relay would also trip the cloud
        // circuit breaker, which stays open for the later tests sharing this application)
        // (relays are read over the LAN first, so the LAN must not answer either)
        simulator.simulator().faults().set(Faults.noneAndUnlimited()
                .withShellyCloud(Faults.Api.NONE.withOfflineDevices(1.0))
                .withShellyLocal(Faults.Api.NONE.withServerErrors(1.0)));
        browser.signIn("otto", TestUsers.password("otto"));
        browser.open("/hardware");

        browser.find(By.cssSelector("#hw-miner-1 button.switch")).click();
        browser.find(By.id("confirm-ok")).click();

        browser.waitUntil(Duration.ofSeconds(60), d -> d.findElements(By.cssSelector("#hw-miner-1 button.retry")).isEmpty() ? null : true);
        assertThat(browser.find(By.cssSelector("#hw-miner-1 .outcome")).getText())
                .contains("OFFLINE").contains("no command was sent");
        browser.screenshot("hardware-failed");

        // the relay answers again: Retry switches it
        simulator.simulator().faults().set(Faults.noneAndUnlimited());
        browser.find(By.cssSelector("#hw-miner-1 button.retry")).click();
        browser.waitForText(By.cssSelector("#hw-miner-1 .outcome"), "miner-1 is off");
    }

    @Test
    void operatorLocksADeviceForMaintenanceAndNothingSwitchesItUntilUnlocked() {
        boolean wasOn = simulator.simulator().state().device("miner-2").orElseThrow().on();
        browser.signIn("otto", TestUsers.password("otto"));
        browser.open("/hardware");

        browser.find(By.cssSelector("#hw-miner-2 button.lock")).click();
        Alert why = browser.waitUntil(ExpectedConditions.alertIsPresent());
        why.sendKeys("replacing the fan");
        why.accept();
        assertThat(browser.waitForText(By.cssSelector("#hw-miner-2 .badge.lock"), "locked by otto"))
                .isEqualTo("locked by otto: replacing the fan");

        browser.find(By.cssSelector("#hw-miner-2 button.switch")).click();
        browser.find(By.id("confirm-ok")).click();
        assertThat(browser.waitForText(By.cssSelector("#hw-miner-2 .outcome"), "device locked by otto"))
                .contains("BLOCKED").contains("replacing the fan");
        assertThat(simulator.simulator().state().device("miner-2").orElseThrow().on()).isEqualTo(wasOn);
        browser.screenshot("hardware-locked");

        browser.find(By.cssSelector("#hw-miner-2 button.unlock")).click();
        browser.waitUntil(ExpectedConditions.alertIsPresent()).accept();
        browser.waitUntil(d -> d.findElements(By.cssSelector("#hw-miner-2 .badge.lock")).isEmpty() ? true : null);
        assertThat(engine.deviceLocks()).noneMatch(l -> l.device().equals("miner-2"));
    }

    @Test
    void viewerCanNeitherSwitchNorStop() {
        browser.signIn("vera", TestUsers.password("vera"));
        browser.open("/hardware");

        browser.find(By.id("hw-miner-1"));
        assertThat(browser.driver().findElements(By.cssSelector("#hw-miner-1 button.switch"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("stop-button"))).isEmpty();
        assertThat(browser.find(By.id("stop-state")).getText()).isEqualTo("automation running");
    }

    // ---- the essential flag and unknown relay states ----

    @Test
    void anAdminMarksADeviceEssentialOnItsCardAndAnOperatorOnlySeesTheMark() {
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.open("/hardware");
        assertThat(browser.driver().findElements(By.cssSelector("#hw-miner-2 .badge.essential"))).isEmpty();

        browser.find(By.cssSelector("#hw-miner-2 button.essential-toggle")).click();
        Alert confirm = browser.waitUntil(ExpectedConditions.alertIsPresent());
        assertThat(confirm.getText()).isEqualTo("Mark miner-2 essential? The battery floor will never switch it off.");
        confirm.accept();
        assertThat(browser.waitForText(By.cssSelector("#hw-miner-2 .badge.essential"), "essential")).isEqualTo("essential");
        assertThat(devices.findByName("miner-2").orElseThrow().essential()).isTrue();
        assertThat(browser.find(By.cssSelector("#hw-miner-2 button.essential-toggle")).getText()).isEqualTo("Not essential");
        browser.screenshot("hardware-essential");

        browser.signIn("otto", TestUsers.password("otto"));
        browser.open("/hardware");
        assertThat(browser.find(By.cssSelector("#hw-miner-2 .badge.essential")).getText()).isEqualTo("essential");
        assertThat(browser.driver().findElements(By.cssSelector("#hw-miner-2 button.essential-toggle"))).isEmpty();
        // changing the registry is an admin's: the server refuses an operator too
        var refused = TestUsers.as(port, "otto").build().post().uri("/hardware/devices/miner-2/essential?essential=false")
                .retrieve().onStatus(status -> true, (request, response) -> { }).toBodilessEntity();
        assertThat(refused.getStatusCode().value()).isEqualTo(403);
        assertThat(devices.findByName("miner-2").orElseThrow().essential()).isTrue();
    }

    @Test
    void aRelayThatIsOfflineOrDoesNotReportItsStateShowsUnknownNeverOff() {
        readings.storeDevices(List.of(
                new DevicePowerReading("miner-2", Instant.now(), false, null, null, null, null, null),
                new DevicePowerReading("miner-1", Instant.now(), true, null, 0.0, 230.0, 0.0, 1.0)));
        browser.signIn("vera", TestUsers.password("vera"));
        browser.open("/hardware");

        assertThat(browser.driver().findElements(By.cssSelector("#hw-miner-2 .state")))
                .extracting(e -> e.getText()).containsExactly("unknown");
        assertThat(browser.find(By.cssSelector("#hw-miner-2 .badge.bad")).getText()).isEqualTo("offline");
        assertThat(browser.driver().findElements(By.cssSelector("#hw-miner-1 .state")))
                .extracting(e -> e.getText()).containsExactly("unknown");
    }

    // ---- STOP ----

    @Test
    void operatorPressesStopAndSeesAutomationHaltedThenAdminReleasesIt() {
        browser.signIn("otto", TestUsers.password("otto"));
        browser.find(By.id("stop-button")).click();
        browser.find(By.id("stop-reason")).sendKeys("Smoke near the miners");
        browser.screenshot("stop-confirm");
        browser.find(By.id("stop-confirm")).click();

        assertThat(browser.waitForText(By.id("stop-state"), "STOPPED")).isEqualTo("STOPPED by otto");
        assertThat(browser.find(By.id("stop-banner")).getText()).contains("Automation halted").contains("Smoke near the miners");
        assertThat(emergencyStop.state().engaged()).isTrue();
        assertThat(emergencyStop.state().why()).isEqualTo("Smoke near the miners");
        assertThat(browser.driver().findElements(By.id("release-button"))).as("operators cannot release").isEmpty();
        browser.screenshot("stopped");

        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.find(By.id("release-button")).click();
        browser.find(By.id("release-confirm")).click();

        browser.waitForText(By.id("stop-slot"), "STOP");
        assertThat(browser.driver().findElements(By.id("release-button"))).isEmpty();
        assertThat(browser.driver().findElements(By.id("stop-banner"))).isEmpty();
        assertThat(emergencyStop.state().engaged()).isFalse();
    }

    @Test
    void stopNeedsAReason() {
        browser.signIn("otto", TestUsers.password("otto"));
        browser.find(By.id("stop-button")).click();
        browser.find(By.id("stop-confirm")).click();

        // the browser refuses the empty required field; nothing was engaged
        assertThat(emergencyStop.state().engaged()).isFalse();
    }
}
