package io.commandcenter.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.commandcenter.IntegrationTest;
import io.commandcenter.TestUsers;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingWriter;
import io.commandcenter.timeseries.SolarReading;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** A newcomer's walk through the site in headless Chromium; saves a screenshot of every page. */
@IntegrationTest
class BrowserIntegrationTests extends BrowserTestSupport {

    @Autowired ReadingWriter readings;
    @Autowired io.commandcenter.timeseries.PvForecasts forecasts;
    @Autowired JdbcClient jdbc;

    @Test
    void signsInWithTheDocumentedCredentials() {
        browser.open("/power");
        assertThat(browser.driver().getCurrentUrl()).contains("/login");
        browser.screenshot("sign-in");

        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);

        assertThat(browser.find(By.cssSelector(".whoami .user")).getText()).isEqualTo(TestUsers.ADMIN);
    }

    @Test
    void refusesAWrongPassword() {
        browser.open("/login");
        browser.find(By.id("username")).sendKeys(TestUsers.ADMIN);
        browser.find(By.id("password")).sendKeys("not-the-password");
        browser.find(By.id("sign-in")).click();

        assertThat(browser.find(By.cssSelector(".notice.error")).getText()).contains("Wrong user name or password");
    }

    @Test
    void seesLiveValuesChangeOnThePowerPage() {
        jdbc.sql("TRUNCATE victron.battery_readings, solark.flow_readings, shelly.power_readings, shelly.latest_readings")
                .update();
        jdbc.sql("INSERT INTO shelly.devices (name, cloud_id, type, rated_power)"
                + " VALUES ('miner-1', 'test-miner-1', 'MINER', 1400) ON CONFLICT DO NOTHING").update();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        storeADay(now.minusSeconds(60));
        jdbc.sql("TRUNCATE forecast.pv_hours").update();
        forecasts.store(forecastAround(now));
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        String before = browser.find(By.cssSelector("#card-soc .value")).getText();
        browser.find(By.cssSelector("#power-chart .uplot"));
        assertThat(browser.find(By.cssSelector("#power-chart .u-legend")).getText()).as("the forecast beside the PV")
                .contains("PV forecast");
        browser.screenshot("power");

        readings.storeBattery(List.of(new BatteryReading("home", now, 42.7, 51.2, -20, 24.0)));

        // The cards refresh every 5 seconds without reloading the page.
        String after = browser.waitUntil(d -> {
            String text = d.findElement(By.cssSelector("#card-soc .value")).getText();
            return text.equals(before) ? null : text;
        });
        assertThat(after).isNotEqualTo(before).endsWith("%");
    }

    @Test
    void viewerSeesThePowerPage() {
        TestUsers.ensure(accounts, "vera", Role.VIEWER);
        browser.signIn("vera", TestUsers.password("vera"));

        assertThat(browser.find(By.cssSelector(".whoami .role")).getText()).isEqualTo("VIEWER");
        assertThat(browser.find(By.id("cards")).isDisplayed()).isTrue();
    }

    @Test
    void adminCreatesAnApiTokenSeesItOnceAndRevokesIt() {
        jdbc.sql("DELETE FROM security.api_tokens").update();
        browser.signIn(TestUsers.ADMIN, TestUsers.ADMIN_PASSWORD);
        browser.find(By.linkText("Users")).click();

        browser.find(By.cssSelector("form[action='/tokens'] input[name='name']")).sendKeys("home-assistant");
        browser.find(By.cssSelector("form[action='/tokens'] button")).click();
        String token = browser.find(By.id("new-token")).getText();
        assertThat(token).startsWith("cc_");
        assertThat(browser.find(By.id("tokens")).getText()).contains("home-assistant").contains("active");
        browser.screenshot("users");

        browser.find(By.cssSelector("#tokens button")).click();

        browser.waitForText(By.id("tokens"), "revoked by admin");
        browser.driver().navigate().refresh();
        assertThat(browser.driver().findElements(By.id("new-token"))).isEmpty();
    }

    @Test
    void viewerDoesNotSeeTheUsersPage() {
        TestUsers.ensure(accounts, "vera", Role.VIEWER);
        browser.signIn("vera", TestUsers.password("vera"));

        assertThat(browser.find(By.cssSelector(".mainnav")).getText()).doesNotContain("Users");
        browser.open("/users");
        assertThat(browser.driver().getPageSource()).doesNotContain("API tokens");
    }

    /** A day of readings every 5 minutes so the chart has lines (the site simulator's shapes, roughly). */
    /** A forecast issued now for the hours from a day back to a day ahead, a little below the sunny day stored. */
    private static io.commandcenter.timeseries.PvForecast forecastAround(Instant now) {
        List<io.commandcenter.timeseries.PvForecast.Hour> hours = new ArrayList<>();
        Instant first = now.truncatedTo(ChronoUnit.HOURS).minus(23, ChronoUnit.HOURS);
        for (Instant end = first; end.isBefore(now.plus(25, ChronoUnit.HOURS)); end = end.plus(1, ChronoUnit.HOURS)) {
            double hour = end.atZone(java.time.ZoneOffset.UTC).getHour() - 0.5;
            double sun = Math.max(0, Math.sin((hour - 6) / 12 * Math.PI));
            hours.add(new io.commandcenter.timeseries.PvForecast.Hour(end, 1000 * sun, 30, 18, 5200 * sun));
        }
        return new io.commandcenter.timeseries.PvForecast("home", now, "test", hours);
    }

    private void storeADay(Instant end) {
        List<BatteryReading> battery = new ArrayList<>();
        List<SolarReading> solar = new ArrayList<>();
        List<DevicePowerReading> devices = new ArrayList<>();
        for (Instant at = end.minus(24, ChronoUnit.HOURS); !at.isAfter(end); at = at.plus(5, ChronoUnit.MINUTES)) {
            double hour = at.atZone(java.time.ZoneOffset.UTC).getHour() + at.atZone(java.time.ZoneOffset.UTC).getMinute() / 60.0;
            double sun = Math.max(0, Math.sin((hour - 6) / 12 * Math.PI));
            double pv = 6000 * sun;
            boolean minerOn = sun > 0.3;
            double load = 600 + (minerOn ? 1400 : 0);
            double soc = 55 + 35 * Math.sin((hour - 10) / 24 * 2 * Math.PI);
            battery.add(new BatteryReading("home", at, soc, 52, (pv - load) / 52, 25.0));
            solar.add(new SolarReading("home", at, pv, pv - load, 0, load, soc));
            devices.add(new DevicePowerReading("miner-1", at, true, minerOn, minerOn ? 1400.0 : 0.0, 236.0, 5.9, null));
        }
        readings.storeBattery(battery);
        readings.storeSolar(solar);
        readings.storeDevices(devices);
    }
}
