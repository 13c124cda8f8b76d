package io.commandcenter.ingest.victron;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.CloudException.Kind;
import org.junit.jupiter.api.Test;

/** The production parsers on VRM answers in the real shapes ({@code contracts/vrm/}, sources in its README). */
class VictronContractTests {

    static String answer(String file) {
        return io.commandcenter.ingest.ContractAnswers.read("vrm", file);
    }

    @Test
    void readsTheLoginWithItsUserId() {
        var login = VictronPayloads.login(answer("login.json"));

        assertThat(login.token()).isEqualTo("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.contract");
        assertThat(login.userId()).isEqualTo(22001);
    }

    @Test
    void readsARefusedLoginAsUnauthorizedWithVrmsReason() {
        assertThatThrownBy(() -> VictronPayloads.login(answer("login-invalid.json")))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED);
                    assertThat(e.getMessage()).contains("Invalid credentials");
                });
    }

    @Test
    void readsTheUserAndTheInstallations() {
        assertThat(VictronPayloads.userId(answer("users-me.json"))).isEqualTo(22001);
        assertThat(VictronPayloads.installations(answer("installations.json"))).containsExactly(
                new Installation(150001, "Ridge Cabin", "America/Denver"),
                new Installation(150002, "Barn", "America/Denver"));
    }

    @Test
    void readsTheBatterySummaryFromStrings() {
        var summary = VictronPayloads.batterySummary(answer("battery-summary.json"));

        assertThat(summary.soc()).isEqualTo(63.4);
        assertThat(summary.voltage()).as("V").isEqualTo(52.61);
        assertThat(summary.current()).as("A, negative while discharging").isEqualTo(-12.4);
        assertThat(summary.temperature()).as("°C from value, valueFloat being null").isEqualTo(21.5);
        assertThat(summary.secondsAgo()).isEqualTo(41);
        assertThat(summary.hasOldData()).isFalse();
        assertThat(summary.hasData()).isTrue();
    }

    @Test
    void readsAMonitorWithoutATemperatureSensorAsTemperatureUnknown() {
        var summary = VictronPayloads.batterySummary(answer("battery-summary-without-temperature.json"));

        assertThat(summary.soc()).isEqualTo(88.0);
        assertThat(summary.voltage()).isEqualTo(48.02);
        assertThat(summary.current()).as("charging").isEqualTo(7.5);
        assertThat(summary.temperature()).isNull();
        assertThat(summary.secondsAgo()).isEqualTo(12);
        assertThat(summary.hasData()).isTrue();
    }

    @Test
    void readsAnAnswerWithOnlyAgeMarkersAsNoData() {
        var summary = VictronPayloads.batterySummary(answer("battery-summary-no-current-data.json"));

        assertThat(summary.hasData()).isFalse();
        assertThat(summary.soc()).isNull();
        assertThat(summary.hasOldData()).isTrue();
        assertThat(summary.secondsAgo()).isEqualTo(86_523);
    }

    @Test
    void readsOldDataAsOld() {
        var summary = VictronPayloads.batterySummary(answer("battery-summary-old-data.json"));

        assertThat(summary.hasOldData()).isTrue();
        assertThat(summary.secondsAgo()).isEqualTo(7260);
        assertThat(summary.soc()).isEqualTo(70.0);
    }

    @Test
    void findsTheBatteryMonitorAmongTheInstallationsDevices() {
        var monitors = VictronPayloads.batteryMonitors(answer("diagnostics.json"));

        assertThat(monitors).containsExactly(new VictronPayloads.Monitor(512, "Battery Monitor"));
    }

    @Test
    void readsErrorsWithTheirReasonAndCode() {
        assertThatThrownBy(() -> VictronPayloads.batterySummary(answer("installation-not-found.json")))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.getMessage()).contains("Installation not found or access denied").contains("(not_found)");
                });
        assertThatThrownBy(() -> VictronPayloads.installations(answer("rate-limited.json")))
                .isInstanceOfSatisfying(CloudException.class,
                        e -> assertThat(e.getMessage()).contains("Too many requests").contains("(rate_limited)"));
    }
}
