package io.commandcenter.engine;

import static io.commandcenter.engine.Rules.battery;
import static io.commandcenter.engine.Rules.device;
import static io.commandcenter.engine.Rules.power;
import static io.commandcenter.engine.Tables.socRow;
import static io.commandcenter.engine.Tables.typeRow;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.facts.TableWish;
import org.drools.decisiontable.InputType;
import org.drools.decisiontable.SpreadsheetCompiler;
import org.junit.jupiter.api.Test;

class DecisionTableTests {

    private final TableValidator validator = new TableValidator(name -> name.startsWith("miner")
            ? Optional.of(DeviceType.MINER) : Optional.empty());

    private final DecisionTable surplus = new DecisionTable("surplus", "use solar surplus", true, List.of(
            typeRow(1, "heat water from surplus", 60.0, 2000.0, DeviceType.HEATER, true),
            socRow(2, "heater off when low", null, 60.0, "heater", false, 5),
            new TableRow(3, "night pump", null, null, null, null, null, null, null, 500.0, LocalTime.of(22, 0),
                    LocalTime.of(6, 0), null, "pump", null, true, 1, 30, false)));

    @Test
    void aTableRowAsksAutomationToSwitchItsDevice() {
        RuleSet rules = Rules.production().withTables(List.of(surplus));
        try (EngineSession s = Rules.session(rules, Rules.defaults())) {
            device(s, "heater", DeviceType.HEATER, false);
            battery(s, 70);
            power(s, 1000, 500, 0);
            assertThat(s.fire()).isEmpty();
            power(s, 4000, 500, 0);
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.source()).isEqualTo(Source.AUTOMATION);
                assertThat(d.on()).isTrue();
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
                assertThat(d.requestedBy()).isEqualTo("surplus / heat water from surplus");
                assertThat(d.firedRules()).contains("surplus / heat water from surplus",
                        "surplus: when soc >= 60.0, pv >= 2000.0, time 09:00-17:00, weekday in (1,2,3,4,5)",
                        "The highest-priority table row asks to switch its device");
            });
        }
    }

    @Test
    void belowTheMinimumARowSwitchesALoadOffWithoutWaitingForItsCooldown() {
        DecisionTable table = new DecisionTable("warm", "", true, List.of(
                socRow(1, "heater on when charged", 60.0, null, "heater", true, 1),
                socRow(2, "heater off when low", null, 60.0, "heater", false, 1)));
        RuleSet rules = Rules.production().withTables(List.of(table));
        try (EngineSession s = Rules.session(rules, Rules.defaults())) {
            device(s, "heater", DeviceType.HEATER, false);
            battery(s, 70);
            assertThat(s.fire()).singleElement().extracting(Decision::on).isEqualTo(true);
            Rules.minutesLater(s, 1);
            device(s, "heater", DeviceType.HEATER, true);
            battery(s, 55); // the row wants it off, but the 10-minute cooldown holds
            assertThat(s.fire()).isEmpty();
            Rules.minutesLater(s, 1);
            battery(s, 29); // below the owner's minimum of 30 %
            // The battery floor takes the heater the row switched on; the row's own rule stands aside.
            assertThat(s.fire()).singleElement().satisfies(d -> {
                assertThat(d.on()).isFalse();
                assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
                assertThat(d.source()).isEqualTo(Source.SAFETY);
                assertThat(d.requestedBy()).isEqualTo("battery-floor.drl");
            });
        }
    }

    @Test
    void rowsSharingAConditionTestItOnceAndFollowEveryChange() {
        DecisionTable table = new DecisionTable("daytime", "", true, List.of(
                typeRow(1, "heaters", 60.0, null, DeviceType.HEATER, true),
                typeRow(2, "pumps", 60.0, null, DeviceType.PUMP, true)));
        RuleSet rules = Rules.production().withTables(List.of(table));
        assertThat(rules.tableRules()).extracting(io.commandcenter.engine.facts.TableRule::condition).containsOnly(
                "daytime: when soc >= 60.0, time 09:00-17:00, weekday in (1,2,3,4,5)");
        try (EngineSession s = Rules.session(rules, Rules.defaults())) { // a Monday, noon
            device(s, "heater", DeviceType.HEATER, true);
            device(s, "pump", DeviceType.PUMP, true);
            battery(s, 61);
            s.fire();
            assertThat(s.facts(TableWish.class)).extracting(TableWish::device).containsExactlyInAnyOrder("heater", "pump");
            battery(s, 59);
            s.fire();
            assertThat(s.facts(TableWish.class)).isEmpty();
            battery(s, 65);
            s.fire();
            assertThat(s.facts(TableWish.class)).hasSize(2);
            Rules.minutesLater(s, 5 * 60 + 1); // 17:01, outside the rows' hours
            s.fire();
            assertThat(s.facts(TableWish.class)).isEmpty();
        }
    }

    @Test
    void contradictoryRowsAreReportedAndOnlyTheRowThatChangesTheDeviceActs() {
        DecisionTable fight = new DecisionTable("fight", "", true, List.of(
                socRow(1, "on", 40.0, null, "heater", true, 1),
                socRow(2, "off", 50.0, null, "heater", false, 1)));
        assertThat(validator.check(List.of(fight)).errors()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("contradiction"));
        RuleSet rules = Rules.production().withTables(List.of(fight));
        try (EngineSession s = Rules.session(rules, Rules.defaults())) {
            device(s, "heater", DeviceType.HEATER, true);
            battery(s, 60);
            List<Decision> decisions = s.fire();
            assertThat(decisions).singleElement().satisfies(d -> {
                assertThat(d.on()).isFalse();
                assertThat(d.requestedBy()).isEqualTo("fight / off");
            });
        }
    }

    @Test
    void reportsContradictoryRowsAndLeavesHigherPriorityOverlapsAsWarnings() {
        DecisionTable table = new DecisionTable("miners", "", true, List.of(
                socRow(1, "run when full", 70.0, null, "miner-1", true, 1),
                typeRow(2, "stop miners", 60.0, null, DeviceType.MINER, false),
                socRow(3, "run again", 75.0, 90.0, "miner-1", true, 5),
                socRow(4, "run twice", 95.0, null, "miner-1", true, 2)));
        TableValidator.Findings findings = validator.check(List.of(table));
        assertThat(findings.errors()).singleElement().satisfies(p -> {
            assertThat(p.table()).isEqualTo("miners");
            assertThat(p.row()).isEqualTo(2);
            assertThat(p.message()).contains("row 2 (stop miners) and miners row 3 (run again)", "opposite actions");
        });
        assertThat(findings.warnings()).extracting(RuleProblem::message)
                .anySatisfy(m -> assertThat(m).contains("row 1", "row 2", "higher priority wins"))
                .anySatisfy(m -> assertThat(m).contains("row 1", "row 4", "same action"))
                .anySatisfy(m -> assertThat(m).isEqualTo("no row covers SOC 0.0–70.0 % for device miner-1"));
    }

    @Test
    void reportsUncoveredSocRanges() {
        DecisionTable table = new DecisionTable("gaps", "", true, List.of(
                socRow(1, "low", 0.0, 30.0, "heater", false, 1),
                socRow(2, "high", 50.0, 90.0, "heater", true, 1)));
        assertThat(validator.check(List.of(table)).warnings()).extracting(RuleProblem::message)
                .containsExactly("no row covers SOC 30.0–50.0 %, 90.0–100 % for device heater");
    }

    @Test
    void reportsRowsThatCannotWork() {
        DecisionTable table = new DecisionTable("broken", "", true, List.of(
                socRow(1, "backwards", 80.0, 20.0, "heater", true, 1),
                socRow(2, "no target", null, null, null, true, 1)));
        assertThat(validator.check(List.of(table)).errors()).extracting(RuleProblem::row, RuleProblem::message)
                .contains(org.assertj.core.groups.Tuple.tuple(1, "SOC from must be less than below"),
                        org.assertj.core.groups.Tuple.tuple(2, "name exactly one target: a device or a device type"));
    }

    @Test
    void aTableSurvivesACsvRoundTripAndTheSheetCompilesWithDrools() {
        TableSpreadsheets sheets = new TableSpreadsheets();
        String csv = sheets.exportCsv(surplus);
        assertThat(sheets.importCsv(csv.getBytes(StandardCharsets.UTF_8))).isEqualTo(surplus);

        String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(csv.getBytes(StandardCharsets.UTF_8)),
                InputType.CSV);
        assertThat(drl).contains("TableWish.of(drools.getRule(), $dev.device(), \"ON\")");
        assertThat(drl).as("readings as exists conditions, like the rendered rows").contains("exists BatteryNow(");
        RuleSetBuilder.Result built = new RuleSetBuilder().build(Rules.productionFilesPlus(
                RuleFile.file("sheet.drl", drl)));
        assertThat(built.errors()).isEmpty();
    }

    @Test
    void csvCellsWithCommasQuotesAndLineBreaksSurviveTheRoundTrip() {
        DecisionTable awkward = new DecisionTable("awkward", "heater, pump and \"the rest\"\nsecond line", true,
                List.of(socRow(1, "off, when \"low\"\r\nreally", null, 30.0, "heater", false, 2),
                        socRow(2, "#hash, at the start", 70.0, null, "heater", true, 1)));
        TableSpreadsheets sheets = new TableSpreadsheets();
        String csv = sheets.exportCsv(awkward);

        assertThat(csv).contains("\"off, when \"\"low\"\"\r\nreally\"");
        assertThat(sheets.importCsv(csv.getBytes(StandardCharsets.UTF_8))).isEqualTo(awkward);
    }

    @Test
    void aBrokenCsvIsRefusedNamingTheLine() {
        TableSpreadsheets sheets = new TableSpreadsheets();
        String csv = sheets.exportCsv(surplus);

        String unclosed = csv + "\"never closed,ON\r\n";
        assertThatThrownBy(() -> sheets.importCsv(unclosed.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("not readable as CSV: ").hasMessageContaining("startline 13");
        String badSwitch = csv.replace(",OFF,", ",MAYBE,");
        assertThatThrownBy(() -> sheets.importCsv(badSwitch.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("sheet row 11: switch must be ON or OFF");
    }

    @Test
    void aTableSurvivesAnXlsxRoundTripAndTheSheetCompilesWithDrools() {
        TableSpreadsheets sheets = new TableSpreadsheets();
        byte[] xlsx = sheets.exportXlsx(surplus);
        assertThat(sheets.importXlsx(xlsx)).isEqualTo(surplus);
        String drl = new SpreadsheetCompiler().compile(new ByteArrayInputStream(xlsx), InputType.XLS);
        assertThat(drl).contains("rule \"heat water from surplus\"");
    }
}
