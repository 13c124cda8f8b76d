package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** A dry run from the simulations page in headless Chromium: start it, follow the progress, read the report. */
@IntegrationTest
class SimulationsPageBrowserIntegrationTests extends BrowserTestSupport {

    @BeforeEach
    void testAccounts() {
        TestUsers.ensure(accounts, "otto", Role.OPERATOR);
    }

    @Test
    void operatorRunsADryRunAndReadsItsReport() {
        browser.signIn("otto", TestUsers.password("otto"));
        browser.find(By.linkText("Simulations")).click();

        new org.openqa.selenium.support.ui.Select(browser.find(By.id("scenario"))).selectByValue("summer-week.yaml");
        browser.find(By.name("duration")).sendKeys("PT12H");
        browser.find(By.id("overrides")).sendKeys("pauseMinersBelow=45");
        browser.find(By.id("start-simulation")).click();

        browser.waitUntil(Duration.ofSeconds(120), d -> d.findElement(By.id("run-status")).getText().equals("DONE") ? true : null);
        assertThat(browser.find(By.id("run-progress")).getAttribute("style")).contains("100%");
        WebElement frame = browser.find(By.id("report-frame"));
        browser.driver().switchTo().frame(frame);
        String report = browser.waitForText(By.tagName("body"), "Action timeline");
        assertThat(report).contains("Summary");
        browser.driver().switchTo().defaultContent();
        browser.waitForText(By.id("runs"), "summer-week.yaml");
        browser.screenshot("simulations");
    }
}
