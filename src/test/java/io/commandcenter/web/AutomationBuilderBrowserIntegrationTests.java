package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.HttpStatusCode;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The if/then builder and the schedule form on /automation in headless Chromium: build a rule as a sentence,
 * preview it, save it, see it in the list in plain words and edit it; a bad value shown beside its field with
 * nothing saved; a daily schedule made, edited and deleted through the form. Saves the builder's screenshot.
 */
@IntegrationTest
class AutomationBuilderBrowserIntegrationTests extends BrowserTestSupport {

    private static final String POOR_TOMORROW = "When the solar forecast for the next 24 hours is below 5 kWh and the"
            + " battery is below 60 %, then pause all miners";
    /** A save runs the scenario safety gate first, which takes a few seconds. */
    private static final Duration SAVING = Duration.ofSeconds(60);

    @BeforeEach
    @AfterEach
    void noTestRulesOrSchedules() {
        for (String rule : new String[] {"poor tomorrow", "too full"}) {
            admin().delete().uri("/api/v1/engine/if-then-rules/{name}", rule).retrieve().toBodilessEntity();
        }
        admin().delete().uri("/api/v1/engine/schedules/{name}", "heat water").retrieve().toBodilessEntity();
    }

    @Test
    void adminBuildsPreviewsSavesAndEditsARuleThroughTheForm() {
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.find(By.linkText("Automation")).click();

        WebElement forecast = browser.find(By.id("condition-0"));
        choose(forecast, "trigger", "FORECAST_KWH");
        choose(forecast, "hours", "24");
        choose(forecast, "comparison", "below");
        type(forecast, "value", "5");
        browser.find(By.id("add-condition")).click();
        WebElement battery = browser.find(By.id("condition-1"));
        choose(battery, "trigger", "SOC");
        choose(battery, "comparison", "below");
        type(battery, "value", "60");
        assertThat(battery.findElement(By.name("hours")).isDisplayed()).as("only forecasts look hours ahead").isFalse();
        WebElement pause = browser.find(By.id("action-0"));
        choose(pause, "does", "SWITCH_TYPE");
        choose(pause, "deviceType", "MINER");
        choose(pause, "on", "false");
        type(browser.find(By.id("if-then-form")), "name", "poor tomorrow");

        browser.find(By.id("preview-rule")).click();
        waitFor(By.id("preview-result"), POOR_TOMORROW);
        assertThat(browser.find(By.id("preview-summary")).getText()).contains("last 7 days");
        assertThat(status(admin().get().uri("/api/v1/engine/if-then-rules/{name}", "poor tomorrow")))
                .as("a preview saves nothing").isEqualTo(404);
        browser.scrollTo(By.id("if-then-builder"));
        browser.screenshot("automation-builder");

        browser.find(By.id("save-rule")).click();
        waitFor(By.id("if-then-notice"), "Saved \"poor tomorrow\"");
        waitFor(By.id("if-then-rules"), POOR_TOMORROW);

        // Edit fills the form from the saved rule; the change replaces it.
        browser.find(By.cssSelector("#if-then-rules button.edit-rule[data-name='poor tomorrow']")).click();
        browser.waitForText(By.id("if-then-title"), "Editing \"poor tomorrow\"");
        WebElement edited = browser.find(By.id("condition-1"));
        assertThat(new Select(edited.findElement(By.name("trigger"))).getFirstSelectedOption().getAttribute("value"))
                .isEqualTo("SOC");
        assertThat(browser.find(By.id("condition-0")).findElement(By.name("value")).getAttribute("value")).isEqualTo("5");
        type(edited, "value", "50");
        browser.find(By.id("save-rule")).click();
        waitFor(By.id("if-then-rules"), "the battery is below 50 %, then pause all miners");
        JsonNode saved = admin().get().uri("/api/v1/engine/if-then-rules/{name}", "poor tomorrow").retrieve()
                .body(JsonNode.class);
        assertThat(saved.path("conditions").get(1).path("below").asDouble()).isEqualTo(50.0);
        assertThat(saved.path("conditions").get(0).path("hours").asInt()).isEqualTo(24);
    }

    @Test
    void aBadValueIsShownBesideItsFieldAndNothingIsSaved() {
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.open("/automation");

        WebElement soc = browser.find(By.id("condition-0"));
        choose(soc, "trigger", "SOC");
        choose(soc, "comparison", "atLeast");
        type(soc, "value", "150");
        type(browser.find(By.id("if-then-form")), "name", "too full");
        browser.find(By.id("save-rule")).click();

        assertThat(browser.waitForText(By.cssSelector("#condition-0 > .field-error"), "must be between 0 and 100"))
                .isNotBlank();
        assertThat(soc.findElement(By.name("value")).getAttribute("class")).contains("invalid");
        assertThat(browser.find(By.id("if-then-notice")).getText()).contains("Not saved");
        assertThat(status(admin().get().uri("/api/v1/engine/if-then-rules/{name}", "too full"))).isEqualTo(404);
        assertThat(browser.find(By.id("if-then-rules")).getText()).doesNotContain("too full");
    }

    @Test
    void adminMakesADailyScheduleThroughTheFormEditsAndDeletesIt() {
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.open("/automation");

        WebElement form = browser.find(By.id("schedule-form"));
        choose(form, "repeat", "DAILY");
        setValue(form.findElement(By.name("time")), "10:00");
        choose(form, "does", "SWITCH_TYPE");
        choose(form, "deviceType", "HEATER");
        choose(form, "on", "true");
        type(form, "forMinutes", "120");
        choose(form, "missed", "RUN_ONCE");
        type(form, "name", "heat water");
        browser.find(By.id("save-schedule")).click();

        waitFor(By.id("schedule-notice"), "Saved \"heat water\"");
        waitFor(By.id("schedules"), "every day at 10:00: switch every heater on for 120 minutes");
        JsonNode saved = admin().get().uri("/api/v1/engine/schedules/{name}", "heat water").retrieve().body(JsonNode.class);
        assertThat(saved.path("schedule").path("missed").asString()).isEqualTo("RUN_ONCE");
        assertThat(saved.path("nextRuns")).isNotEmpty();

        browser.find(By.cssSelector("#schedules button.edit-schedule[data-name='heat water']")).click();
        browser.waitForText(By.id("schedule-title"), "Editing \"heat water\"");
        assertThat(form.findElement(By.name("time")).getAttribute("value")).isEqualTo("10:00");
        assertThat(form.findElement(By.name("forMinutes")).getAttribute("value")).isEqualTo("120");

        browser.find(By.cssSelector("#schedules button.delete-schedule[data-name='heat water']")).click();
        browser.driver().switchTo().alert().accept();
        waitFor(By.id("schedule-notice"), "Deleted \"heat water\"");
        browser.waitUntil(d -> text(By.id("schedules")).contains("heat water") ? null : true);
        assertThat(status(admin().get().uri("/api/v1/engine/schedules/{name}", "heat water"))).isEqualTo(404);
    }

    // ---- helpers ----

    private RestClient admin() {
        return TestUsers.admin(port).defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
    }

    private static int status(RestClient.RequestHeadersSpec<?> request) {
        return request.retrieve().toBodilessEntity().getStatusCode().value();
    }

    private static void choose(WebElement scope, String name, String value) {
        new Select(scope.findElement(By.name(name))).selectByValue(value);
    }

    private static void type(WebElement scope, String name, String text) {
        WebElement input = scope.findElement(By.name(name));
        input.clear();
        input.sendKeys(text);
    }

    /** Time inputs take keys in the browser's locale format; the value is set as the form reads it. */
    private void setValue(WebElement input, String value) {
        ((JavascriptExecutor) browser.driver()).executeScript(
                "arguments[0].value = arguments[1]; arguments[0].dispatchEvent(new Event('change'))", input, value);
    }

    private String text(By by) {
        var found = browser.driver().findElements(by);
        return found.isEmpty() ? "" : found.get(0).getText();
    }

    private void waitFor(By by, String text) {
        browser.waitUntil(SAVING, d -> text(by).contains(text) ? true : null);
    }
}
