package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The workflow form on /automation in headless Chromium: "Evening shed" built step by step, saved, shown in words in
 * the list and edited; a branch without "else" and steps going round in a circle shown beside their fields with
 * nothing saved. Saves the form's screenshot.
 */
@IntegrationTest
class WorkflowFormBrowserIntegrationTests extends BrowserTestSupport {

    private static final String HEATER = "wf-water-heater";
    private static final String SHED = "Evening shed";
    private static final String DRAFT = "Shed draft";

    @BeforeEach
    void aHeaterAndNoTestWorkflows() {
        noTestWorkflows();
        admin().post().uri("/api/v1/devices").contentType(MediaType.APPLICATION_JSON).body(Map.of("name", HEATER,
                "cloudId", "wf-form", "channel", 0, "type", "HEATER", "ratedPower", 2000)).retrieve().toBodilessEntity();
    }

    @AfterEach
    void noTestWorkflows() {
        for (String name : new String[] {SHED, DRAFT}) {
            admin().delete().uri("/api/v1/workflows/{name}", name).retrieve().toBodilessEntity();
        }
        admin().delete().uri("/api/v1/devices/{name}", HEATER).retrieve().toBodilessEntity();
    }

    @Test
    void adminBuildsEveningShedThroughTheFormSeesItInWordsAndEditsIt() {
        openTheForm();
        type(browser.find(By.id("workflow-form")), "name", SHED);
        for (int i = 0; i < 4; i++) {
            browser.find(By.id("add-step")).click();
        }
        WebElement heaterOff = browser.find(By.id("step-0"));
        choose(heaterOff, "does", "SWITCH_DEVICE");
        choose(heaterOff, "device", HEATER);
        choose(heaterOff, "on", "false");
        WebElement wait = browser.find(By.id("step-1"));
        choose(wait, "does", "WAIT");
        choose(wait, "waitFor", "MINUTES");
        type(wait, "minutes", "10");
        WebElement low = browser.find(By.id("step-2"));
        choose(low, "does", "BRANCH");
        WebElement soc = browser.find(By.id("step-2-condition-0"));
        choose(soc, "trigger", "SOC");
        choose(soc, "comparison", "below");
        type(soc, "value", "40");
        choose(low, "otherwise", "s5");
        WebElement pause = browser.find(By.id("step-3"));
        choose(pause, "does", "SWITCH_TYPE");
        choose(pause, "deviceType", "MINER");
        choose(pause, "on", "false");
        choose(pause, "next", "end");
        assertThat(pause.findElement(By.name("minutes")).isDisplayed()).as("only a wait has minutes").isFalse();
        WebElement tell = browser.find(By.id("step-4"));
        choose(tell, "does", "NOTIFY");
        type(tell, "message", "The battery is fine, the miners keep running");

        browser.find(By.id("save-workflow")).click();
        browser.waitForText(By.id("workflow-notice"), "Saved \"" + SHED + "\"");
        browser.waitForText(By.id("workflow-list"), "switch " + HEATER + " off → wait 10 min → if the battery is below"
                + " 40 % go to s4, else s5 → pause all miners → notify me (\"The battery is fine, the miners keep running\")");
        browser.scrollTo(By.id("workflows"));
        browser.screenshot("automation-workflows");

        // Edit fills the form from the stored workflow, "go to" choices included; the change replaces it.
        browser.find(By.cssSelector("#workflow-list button.edit-workflow[data-name='" + SHED + "']")).click();
        browser.waitForText(By.id("workflow-title"), "Editing \"" + SHED + "\"");
        assertThat(selected(browser.find(By.id("step-2")), "otherwise")).isEqualTo("s5");
        assertThat(selected(browser.find(By.id("step-3")), "next")).isEqualTo("end");
        assertThat(browser.find(By.id("step-2-condition-0")).findElement(By.name("value")).getAttribute("value"))
                .isEqualTo("40");
        type(browser.find(By.id("step-1")), "minutes", "15");
        browser.find(By.id("save-workflow")).click();
        browser.waitForText(By.id("workflow-list"), "wait 15 min → if the battery");

        // Switch off swaps the lists only: the form keeps the workflow being edited.
        browser.find(By.cssSelector("#workflow-list button.toggle-workflow")).click();
        browser.waitForText(By.cssSelector("#workflow-list button.toggle-workflow"), "Switch on");
        assertThat(browser.find(By.id("workflow-title")).getText()).isEqualTo("Editing \"" + SHED + "\"");

        JsonNode saved = admin().get().uri("/api/v1/workflows/{name}", SHED).retrieve().body(JsonNode.class);
        assertThat(saved.path("enabled").asBoolean()).isFalse();
        JsonNode steps = saved.path("steps");
        assertThat(steps.size()).isEqualTo(5);
        assertThat(steps.get(0).path("device").asString()).isEqualTo(HEATER);
        assertThat(steps.get(0).path("on").asBoolean()).isFalse();
        assertThat(steps.get(1).path("minutes").asInt()).isEqualTo(15);
        assertThat(steps.get(2).path("conditions").get(0).path("below").asDouble()).isEqualTo(40.0);
        assertThat(steps.get(2).path("otherwise").asString()).isEqualTo("s5");
        assertThat(steps.get(3).path("deviceType").asString()).isEqualTo("MINER");
        assertThat(steps.get(3).path("next").asString()).isEqualTo("end");
    }

    @Test
    void aBranchWithoutElseAndStepsInACircleAreShownBesideTheirFieldsAndNothingIsSaved() {
        openTheForm();
        type(browser.find(By.id("workflow-form")), "name", DRAFT);
        WebElement branch = browser.find(By.id("step-0"));
        choose(branch, "does", "BRANCH");
        type(browser.find(By.id("step-0-condition-0")), "value", "40");
        browser.find(By.id("add-step")).click();
        type(browser.find(By.id("step-1")), "message", "low");

        browser.find(By.id("save-workflow")).click();
        browser.waitForText(By.cssSelector("#step-0 > .field-error"), "say where to go");
        assertThat(branch.findElement(By.name("otherwise")).getAttribute("class")).contains("invalid");
        assertThat(browser.find(By.id("workflow-notice")).getText()).contains("Not saved");

        // else to s2, and s2 back to s1: round in a circle
        choose(branch, "otherwise", "s2");
        choose(browser.find(By.id("step-1")), "next", "s1");
        browser.find(By.id("save-workflow")).click();
        browser.waitForText(By.cssSelector("#workflow-form [data-error-for='steps']"), "go round in a circle (s1 → s2 → s1)");
        assertThat(browser.driver().findElement(By.cssSelector("#step-0 > .field-error")).getText())
                .as("the old problem is gone").isEmpty();

        assertThat(admin().get().uri("/api/v1/workflows/{name}", DRAFT).retrieve().toBodilessEntity()
                .getStatusCode().value()).isEqualTo(404);
        assertThat(browser.find(By.id("workflow-list")).getText()).doesNotContain(DRAFT);
    }

    // ---- helpers ----

    /** The form comes with the workflows section, which htmx loads after the page. */
    private void openTheForm() {
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.open("/automation");
        browser.find(By.id("step-0"));
    }

    private RestClient admin() {
        return TestUsers.admin(port).defaultStatusHandler(HttpStatusCode::isError, (req, res) -> { }).build();
    }

    private static void choose(WebElement scope, String name, String value) {
        new Select(scope.findElement(By.name(name))).selectByValue(value);
    }

    private static String selected(WebElement scope, String name) {
        return new Select(scope.findElement(By.name(name))).getFirstSelectedOption().getAttribute("value");
    }

    private static void type(WebElement scope, String name, String text) {
        WebElement input = scope.findElement(By.name(name));
        input.clear();
        input.sendKeys(text);
    }
}
