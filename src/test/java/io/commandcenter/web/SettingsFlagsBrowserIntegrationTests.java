package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.features.Feature;
import io.commandcenter.features.FeatureFlags;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import tools.jackson.databind.JsonNode;

/** The settings page's feature flags and the auto-pause choice, in headless Chromium. */
@IntegrationTest
class SettingsFlagsBrowserIntegrationTests extends BrowserTestSupport {

    @Autowired FeatureFlags flags;

    @BeforeEach
    void testAccounts() {
        TestUsers.ensure(accounts, "vera", Role.VIEWER);
    }

    @AfterEach
    void asConfigured() {
        if (flags.state(Feature.AUTOMATION).overridden()) {
            flags.reset(Feature.AUTOMATION, "test", "test over");
        }
        TestUsers.admin(port).build().post().uri("/preferences/reset").retrieve().toBodilessEntity();
    }

    @Test
    void anAdminSwitchesAutomationOffWithAReasonAndBackToItsDefault() {
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.open("/settings#feature-flags");
        browser.waitForText(By.id("feature-AUTOMATION"), "environment default");

        browser.find(By.cssSelector("#feature-AUTOMATION button.toggle")).click();
        browser.waitForText(By.id("feature-notice"), "Say why");
        assertThat(flags.isEnabled(Feature.AUTOMATION)).as("nothing changes without a reason").isTrue();

        browser.find(By.cssSelector("#feature-AUTOMATION input[name='reason']")).sendKeys("commissioning the miner");
        browser.find(By.cssSelector("#feature-AUTOMATION button.toggle")).click();
        browser.waitForText(By.id("feature-notice"), "Automation is off (admin override by admin)");
        String row = browser.waitForText(By.id("feature-AUTOMATION"), "commissioning the miner");
        assertThat(row).contains("admin override by admin", "off");
        assertThat(flags.isEnabled(Feature.AUTOMATION)).isFalse();

        browser.find(By.cssSelector("#feature-AUTOMATION input[name='reason']")).sendKeys("done");
        browser.find(By.cssSelector("#feature-AUTOMATION button.reset")).click();
        browser.waitForText(By.id("feature-notice"), "Automation is on (environment default");
        assertThat(flags.state(Feature.AUTOMATION).overridden()).isFalse();
    }

    @Test
    void aViewerSeesTheFlagsAndWhereTheyComeFromButCannotChangeThem() {
        browser.signIn("vera", TestUsers.password("vera"));
        browser.open("/settings");

        String learning = browser.waitForText(By.id("feature-LEARNING"), "environment default");
        assertThat(learning).contains("COMMANDCENTER_FEATURES_LEARNING", "off");
        assertThat(browser.driver().findElements(By.cssSelector("#feature-table button"))).isEmpty();
    }

    @Test
    void anAdminTurnsAutoPauseMinersOff() {
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.open("/settings");
        WebElement autoPause = browser.find(By.name("autoPauseMiners"));
        browser.waitUntil(d -> autoPause.isSelected() ? true : null);

        autoPause.click();
        browser.find(By.id("save-settings")).click();
        browser.waitForText(By.id("settings-notice"), "Saved");

        JsonNode saved = TestUsers.admin(port).build().get().uri("/preferences").retrieve().body(JsonNode.class);
        assertThat(saved.path("autoPauseMiners").asBoolean()).isFalse();
    }
}
