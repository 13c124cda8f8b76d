package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The site as a newcomer sees it on first start: the pollers read the embedded simulator every few seconds
 * and the pages follow. The context is closed afterwards so its pollers stop writing before other tests run.
 */
@IntegrationTest
@TestPropertySource(properties = "commandcenter.ingest.schedule=true")
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class LiveSiteBrowserIntegrationTests extends BrowserTestSupport {

    @Test
    void watchesTheSimulatedSiteLive() {
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);

        // The first readings arrive within a few polls; the cards refresh on their own every 5 seconds.
        By load = By.cssSelector("#card-load .value");
        String first = browser.waitUntil(Duration.ofSeconds(30), d -> {
            String text = d.findElement(load).getText();
            return text.endsWith(" W") ? text : null;
        });
        String later = browser.waitUntil(Duration.ofSeconds(45), d -> {
            String text = d.findElement(load).getText();
            return text.endsWith(" W") && !text.equals(first) ? text : null;
        });

        assertThat(later).isNotEqualTo(first);
        assertThat(browser.driver().findElements(By.cssSelector(".card.device"))).isNotEmpty();
    }

    @Test
    void healthShowsEveryPollerAndTheDatabaseSize() {
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.open("/health");

        for (String source : new String[] {"victron", "shelly", "solark"}) {
            browser.waitForText(By.cssSelector("#poller-" + source + " .last-success"), "s ago");
        }
        assertThat(browser.find(By.cssSelector("#database-size .value")).getText()).endsWith("MB");
        browser.screenshot("health");
    }
}
