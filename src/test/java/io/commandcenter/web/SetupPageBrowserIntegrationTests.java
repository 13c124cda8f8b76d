package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.device.DeviceRegistry;
import io.commandcenter.simulation.EmbeddedSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * A site owner's setup in headless Chromium: the Shelly account entered, tested and saved (the simulator's cloud
 * standing in for a real account), then relays pasted with a mistake, corrected and registered. Saves screenshots.
 */
@IntegrationTest
// Saving an account reconnects the live pollers and the Shelly client: an application of its own.
@TestPropertySource(properties = "commandcenter.test.context=setup-browser")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class SetupPageBrowserIntegrationTests extends BrowserTestSupport {

    @Autowired JdbcClient jdbc;
    @Autowired EmbeddedSimulator simulator;
    @Autowired DeviceRegistry registry;

    @BeforeEach
    @AfterEach
    void noSavedAccountNorPastedRelays() {
        jdbc.sql("DELETE FROM system.cloud_accounts").update();
        jdbc.sql("DELETE FROM shelly.devices WHERE cloud_id IN ('bb0001', 'bb0002')").update();
    }

    @Test
    void anAdminConnectsShellyAndRegistersRelaysWithoutAnyRestCall() {
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.find(By.linkText("Setup")).click();
        browser.waitForText(By.cssSelector("#account-shelly h2"), "Relays: Shelly Cloud");
        browser.screenshot("setup");

        browser.find(By.cssSelector("#account-shelly input[name=server]")).clear();
        browser.find(By.cssSelector("#account-shelly input[name=server]")).sendKeys(simulator.baseUri() + "/shelly");
        browser.find(By.cssSelector("#account-shelly input[name=secret]")).sendKeys("a-wrong-key");
        browser.find(By.cssSelector("#account-shelly button.save-button")).click();
        browser.waitForText(By.cssSelector("#account-shelly .check-message"), "Not saved");

        // The key typed is not shown back: it has to be entered again.
        assertThat(browser.find(By.cssSelector("#account-shelly input[name=secret]")).getAttribute("value")).isEmpty();
        browser.find(By.cssSelector("#account-shelly input[name=secret]")).sendKeys(simulator.credentials().shellyAuthKey());
        browser.find(By.cssSelector("#account-shelly button.save-button")).click();
        browser.waitForText(By.cssSelector("#account-shelly .check-message"), "Saved.");
        browser.waitForText(By.cssSelector("#account-shelly h2"), "saved account");
        assertThat(browser.find(By.cssSelector("#account-shelly .found")).getText()).contains("relay ");
        assertThat(browser.driver().getPageSource()).doesNotContain(simulator.credentials().shellyAuthKey());
        browser.screenshot("setup-shelly-saved");

        browser.find(By.id("devices-csv")).sendKeys("bb0001,fridge,OTHER,150,yes\nbb0002,miner-9,MINER,lots,no");
        browser.find(By.id("import")).click();
        browser.waitForText(By.id("import-errors"), "line 2 rated watts: 'lots' is not a number of watts");
        assertThat(registry.findByName("fridge")).as("nothing registered while a line is bad").isEmpty();

        browser.find(By.id("devices-csv")).clear();
        browser.find(By.id("devices-csv")).sendKeys("bb0001,fridge,OTHER,150,yes\nbb0002,miner-9,MINER,3250,no");
        browser.find(By.id("import")).click();
        browser.waitForText(By.id("notice"), "Registered 2 devices: fridge, miner-9");
        assertThat(registry.findByName("fridge").orElseThrow().essential()).isTrue();

        // the rating is changed in the table, as after "Find devices"
        var rating = browser.find(By.cssSelector("tr[data-device=miner-9] input[name=ratedPower]"));
        rating.clear();
        rating.sendKeys("3400");
        browser.find(By.cssSelector("tr[data-device=miner-9] button")).click();
        browser.waitForText(By.id("notice"), "Saved miner-9.");
        assertThat(registry.findByName("miner-9").orElseThrow().ratedPower()).isEqualTo(3400);
        browser.scrollTo(By.id("devices"));
        browser.screenshot("setup-devices");
    }
}
