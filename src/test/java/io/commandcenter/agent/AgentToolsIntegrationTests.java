package io.commandcenter.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

import io.commandcenter.IntegrationTest;
import io.commandcenter.engine.ActionRequest;
import io.commandcenter.engine.Decision;
import io.commandcenter.engine.RulesEngine;
import io.commandcenter.engine.Source;
import io.commandcenter.timeseries.BatteryReading;
import io.commandcenter.timeseries.DevicePowerReading;
import io.commandcenter.timeseries.ReadingWriter;
import io.commandcenter.timeseries.SolarReading;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class AgentToolsIntegrationTests {

    @Autowired AgentTools tools;
    @Autowired ReadingWriter writer;
    @Autowired RulesEngine engine;
    @Autowired JdbcClient jdbc;

    final Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);

    @BeforeEach
    void emptyTables() {
        AgentTables.truncate(jdbc);
    }

    @Test
    void reportsTheLatestBatteryReadingWithPower() {
        writer.storeBattery(List.of(new BatteryReading("home", now.minus(10, ChronoUnit.MINUTES), 40.0, 50.0, 5.0, null),
                new BatteryReading("home", now.minus(2, ChronoUnit.MINUTES), 62.5, 52.0, -8.0, 21.0)));

        String answer = tools.batteryStatus();

        assertThat(answer).contains("62.5% state of charge", "52.00 V", "-8.0 A", "-416 W", "discharging");
    }

    @Test
    void saysTheBatteryIsUnknownBeforeAnyReading() {
        assertThat(tools.batteryStatus()).contains("unknown");
    }

    @Test
    void reportsSolarFlowsWithDirections() {
        writer.storeSolar(List.of(new SolarReading("home", now.minus(1, ChronoUnit.MINUTES), 4200, 1500, -300, 2400, 71)));

        assertThat(tools.solarStatus()).contains("Solar producing 4200 W", "house load 2400 W", "grid 300 W (export)",
                "battery 1500 W (charging)");
    }

    @Test
    void saysTheSolarFlowsAreUnknownWhileTheSolArkCloudIsFrozen() {
        Instant since = now.minus(20, ChronoUnit.MINUTES);
        writer.storeSolar(List.of(new SolarReading("home", now.minus(1, ChronoUnit.MINUTES), 4200, 1500, -300, 2400, 71,
                true, since)));

        assertThat(tools.solarStatus()).contains("frozen", since.toString(), "unknown").doesNotContain("Solar producing");
    }

    @Test
    void addsUpADevicesEnergyOverTheWindowAndShowsItsPowerNow() {
        writer.storeDevices(pumpHour(750));

        String answer = tools.devicePowerUsage("well-pump", 168);

        assertThat(answer).contains("well-pump: on, drawing 750 W now", "used 0.75 kWh over the last 168 h", "peak 750 W");
    }

    @Test
    void ranksDevicesByEnergyInTheTrend() {
        List<DevicePowerReading> readings = new ArrayList<>(pumpHour(750));
        for (int m = 60; m >= 0; m -= 2) {
            readings.add(new DevicePowerReading("miner-1", now.minus(m + 1, ChronoUnit.MINUTES), true, true, 1400.0, 230.0, 6.1, null));
        }
        writer.storeDevices(readings);

        String answer = tools.powerTrend(24);

        assertThat(answer).contains("used 2.15 kWh in total", "miner-1 1.40 kWh (peak 1400 W), well-pump 0.75 kWh");
    }

    @Test
    void explainsABlockedSwitchWithTheRulesAndReasonsFromTheDecisionLog() {
        writer.storeBattery(List.of(new BatteryReading("home", now.minus(1, ChronoUnit.MINUTES), 5.0, 46.0, -20.0, null)));
        Decision decision = engine.evaluate(ActionRequest.of("it-agent-miner", true, Source.MANUAL, "alice",
                "test", Instant.now()));
        assertThat(decision.outcome()).isEqualTo(Decision.Outcome.BLOCKED);

        String answer = tools.explainDecision("it-agent-miner", 24);

        assertThat(answer).contains("MANUAL asked to switch it-agent-miner on → BLOCKED");
        decision.reasons().forEach(reason -> assertThat(answer).contains(reason));
        decision.firedRules().forEach(rule -> assertThat(answer).contains("\"" + rule + "\""));
    }

    @Test
    void saysSoWhenTheDecisionLogHasNothingForTheDevice() {
        assertThat(tools.explainDecision("it-nothing", 24)).isEqualTo("No decisions about it-nothing in the last 24 h.");
    }

    @Test
    void aSuggestionBecomesAPendingActionAndNothingIsSwitched() {
        // A device of its own: the live engine is shared, and other tests' manual commands hold theirs.
        writer.storeBattery(List.of(new BatteryReading("home", now.minus(1, ChronoUnit.MINUTES), 60.0, 52.0, 3.0, null)));
        writer.storeDevices(List.of(new DevicePowerReading("it-agent-miner", now.minus(1, ChronoUnit.MINUTES), true, true, 1400.0,
                230.0, 6.1, null)));

        String answer = asOperator(() -> tools.suggestDeviceAction("it-agent-miner", false, "battery will not last the night"));

        assertThat(answer).contains("pending action to switch it-agent-miner off", "nothing happens until a person approves it");
        assertThat(jdbc.sql("SELECT state || ' ' || source || ' ' || device FROM approval.pending_actions")
                .query(String.class).list()).containsExactly("PENDING AGENT it-agent-miner");
        assertThat(jdbc.sql("SELECT count(*) FROM control.action_log").query(Long.class).single()).isZero();
    }

    @Test
    void aSuggestionTheRulesBlockIsReportedAsBlocked() {
        String answer = asOperator(() -> tools.suggestDeviceAction("it-no-such-device", true, "why not"));

        assertThat(answer).startsWith("The safety rules refused to switch it-no-such-device on:");
        assertThat(jdbc.sql("SELECT state FROM approval.pending_actions").query(String.class).list()).containsExactly("FAILED");
    }

    @Test
    void aSuggestionWithoutAnOperatorBehindItQueuesNothing() {
        writer.storeDevices(List.of(new DevicePowerReading("it-agent-miner", now.minus(1, ChronoUnit.MINUTES), true, true,
                1400.0, 230.0, 6.1, null)));

        String bare = tools.suggestDeviceAction("it-agent-miner", false, "no session at all");
        String viewer = withSession(Requester.readOnly("vera"), () -> tools.suggestDeviceAction("it-agent-miner", false, "a viewer"));

        assertThat(bare).contains("only an operator or admin can ask for that: nothing was queued");
        assertThat(viewer).contains("only an operator or admin can ask for that: nothing was queued");
        assertThat(jdbc.sql("SELECT count(*) FROM approval.pending_actions").query(Long.class).single()).isZero();
    }

    private static String asOperator(java.util.function.Supplier<String> call) {
        return withSession(Requester.operator("olga"), call);
    }

    private static String withSession(Requester requester, java.util.function.Supplier<String> call) {
        AgentTools.SESSION.set(new AgentTools.Session(line -> { }, requester, "test question"));
        try {
            return call.get();
        } finally {
            AgentTools.SESSION.remove();
        }
    }

    private List<DevicePowerReading> pumpHour(double watts) {
        List<DevicePowerReading> readings = new ArrayList<>();
        for (int m = 60; m >= 0; m -= 2) {
            readings.add(new DevicePowerReading("well-pump", now.minus(m + 1, ChronoUnit.MINUTES), true, true, watts, 230.0,
                    watts / 230, null));
        }
        return readings;
    }
}
