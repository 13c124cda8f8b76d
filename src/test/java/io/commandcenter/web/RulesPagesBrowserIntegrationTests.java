package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.JsonNode;

/**
 * The rules and settings pages in headless Chromium: edit a decision-table row, see a bad row's error next to
 * it, activate, read-only for viewers; settings validation and reset. Saves screenshots.
 */
@IntegrationTest
class RulesPagesBrowserIntegrationTests extends BrowserTestSupport {

    @BeforeEach
    void testAccounts() {
        TestUsers.ensure(accounts, "vera", Role.VIEWER);
    }

    @AfterEach
    void dropTheTestTable() {
        // the test table must not stay in the live rules of later tests
        var deleted = admin().delete().uri("/engine/tables/browser-test").retrieve()
                .onStatus(status -> status.value() == 404, (request, response) -> { }).toBodilessEntity();
        if (deleted.getStatusCode().is2xxSuccessful()) {
            admin().post().uri("/engine/rules/activate").contentType(MediaType.APPLICATION_JSON)
                    .body(Map.of("activatedBy", "test cleanup")).retrieve().toBodilessEntity();
        }
    }

    // ---- rules ----

    @Test
    void adminEditsADecisionTableRowAndActivatesTheRules() {
        saveTable();
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.find(By.linkText("Rules")).click();
        browser.find(By.xpath("//div[@id='table-tabs']/button[text()='browser-test']")).click();

        WebElement priority = browser.find(By.cssSelector("#row-1 input[name='priority']"));
        priority.clear();
        priority.sendKeys("5");
        browser.find(By.id("save-table")).click();
        browser.waitForText(By.id("rules-notice"), "Saved table browser-test");
        assertThat(admin().get().uri("/engine/tables/browser-test").retrieve().body(JsonNode.class)
                .get("rows").get(0).get("priority").asInt()).isEqualTo(5);

        int before = admin().get().uri("/engine/rules").retrieve().body(JsonNode.class).get("version").asInt();
        browser.find(By.id("activate")).click();
        browser.waitForText(By.id("rules-notice"), "Activated: version");
        int after = admin().get().uri("/engine/rules").retrieve().body(JsonNode.class).get("version").asInt();
        assertThat(after).isGreaterThan(before);
        browser.waitForText(By.id("versions"), TestUsers.ADMIN);
        browser.find(By.cssSelector("details.rule-file summary")).click();
        browser.screenshot("rules");
    }

    @Test
    void showsAValidationErrorNextToTheBadRow() {
        saveTable();
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.open("/rules");
        browser.find(By.xpath("//div[@id='table-tabs']/button[text()='browser-test']")).click();

        // "SOC from 80 % and below 20 %" can never hold
        WebElement from = browser.find(By.cssSelector("#row-2 input[name='socFrom']"));
        from.clear();
        from.sendKeys("80");
        WebElement below = browser.find(By.cssSelector("#row-2 input[name='socBelow']"));
        below.clear();
        below.sendKeys("20");
        browser.find(By.id("validate")).click();

        String problem = browser.waitForText(By.id("row-2-problems"), "Row 2");
        assertThat(problem).contains("SOC");
        assertThat(browser.find(By.id("row-2")).getAttribute("class")).contains("row-error");
        assertThat(browser.driver().findElements(By.id("row-1-problems"))).isEmpty();
        browser.screenshot("rules-error");
    }

    @Test
    void viewerSeesTheRulesReadOnly() {
        saveTable();
        browser.signIn("vera", TestUsers.password("vera"));
        browser.open("/rules");

        browser.find(By.cssSelector("details.rule-file"));
        assertThat(browser.find(By.id("activate")).isEnabled()).isFalse();
        assertThat(browser.driver().findElements(By.id("save-table"))).isEmpty();
    }

    @Test
    void theAutomationPageListsTheShippedRulesInPlainWords() {
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.find(By.linkText("Automation")).click();

        assertThat(browser.waitForText(By.id("shipped-rules"), "pause running miners")).isNotBlank();
        assertThat(browser.find(By.id("site-mode-badge")).getText()).startsWith("Mode: ");
        browser.screenshot("automation");
    }

    // ---- settings ----

    @Test
    void adminSeesSettingsValidationAndResetsToDefaults() {
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.find(By.linkText("Settings")).click();
        WebElement critical = browser.find(By.name("criticalSoc"));
        browser.waitUntil(d -> critical.getAttribute("value").isEmpty() ? null : true);

        critical.clear();
        critical.sendKeys("45");   // above the minimum: not allowed
        browser.find(By.id("save-settings")).click();

        assertThat(browser.waitForText(By.id("settings-notice"), "criticalSoc must be below minSoc")).isNotBlank();
        assertThat(critical.getAttribute("class")).contains("invalid");
        browser.screenshot("settings");

        WebElement target = browser.find(By.name("targetSoc"));
        target.clear();
        target.sendKeys("85");
        critical.clear();
        critical.sendKeys("20");
        browser.find(By.id("save-settings")).click();
        browser.waitForText(By.id("settings-notice"), "Saved");
        assertThat(admin().get().uri("/preferences").retrieve().body(JsonNode.class).get("targetSoc").asDouble())
                .isEqualTo(85.0);

        browser.find(By.id("reset-settings")).click();
        browser.driver().switchTo().alert().accept();
        browser.waitForText(By.id("settings-notice"), "Reset to the defaults");
        assertThat(admin().get().uri("/preferences").retrieve().body(JsonNode.class).get("targetSoc").asDouble())
                .isEqualTo(80.0);
    }

    // ---- helpers ----

    private RestClient admin() {
        return TestUsers.admin(port).build();
    }

    private void saveTable() {
        admin().put().uri("/engine/tables/browser-test").contentType(MediaType.APPLICATION_JSON)
                .body(Map.of("name", "browser-test", "description", "made by the browser test", "enabled", true,
                        "rows", List.of(row(1, "pump-on-when-full", 90.0, null, true),
                                row(2, "pump-off-when-low", null, 40.0, false))))
                .retrieve().toBodilessEntity();
    }

    private static Map<String, Object> row(int n, String name, Double socFrom, Double socBelow, boolean on) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("row", n);
        row.put("name", name);
        row.put("socFrom", socFrom);
        row.put("socBelow", socBelow);
        row.put("deviceType", "PUMP");
        row.put("on", on);
        row.put("priority", 1);
        row.put("cooldownMinutes", 10);
        row.put("enabled", true);
        return row;
    }
}
