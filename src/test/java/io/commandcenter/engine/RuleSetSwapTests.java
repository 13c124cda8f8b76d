package io.commandcenter.engine;

import static io.commandcenter.engine.Rules.battery;
import static io.commandcenter.engine.Rules.device;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision.Outcome;
import org.junit.jupiter.api.Test;

class RuleSetSwapTests {

    @Test
    void aBrokenRuleFileIsRejectedWithItsLineAndTheOldRulesKeepDeciding() {
        List<RuleFile> files = new ArrayList<>(Rules.productionFilesPlus());
        files.replaceAll(f -> !f.name().equals("miners.drl") ? f : RuleFile.file("miners.drl",
                f.content().replace("DeviceStatus($d: device, type == DeviceType.MINER, online, on == true)",
                        "DeviceStatus($d: device, type == DeviceType.MINER, online, on == true, wattage > 3)")));
        RuleSetBuilder.Result result = new RuleSetBuilder().build(files);
        assertThat(result.ok()).isFalse();
        int brokenLine = lineOf(files, "miners.drl", "wattage > 3");
        assertThat(result.errors()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("miners.drl");
            assertThat(p.line()).isEqualTo(brokenLine);
        });

        RuleFile syntax = RuleFile.file("syntax.drl", "package rules;\n\nrule \"half a rule\"\nwhen\n    Foo(\nthen\nend\n");
        RuleSetBuilder.Result bad = new RuleSetBuilder().build(Rules.productionFilesPlus(syntax));
        assertThat(bad.errors()).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo("syntax.drl");
            assertThat(p.line()).isEqualTo(7); // where the parser meets "end" inside the open pattern
        });

        try (EngineSession s = Rules.session()) {
            device(s, "miner-1", DeviceType.MINER, true);
            battery(s, 45);
            assertThat(s.fire()).singleElement().extracting(Decision::outcome).isEqualTo(Outcome.ALLOWED);
        }
    }

    @Test
    void aSwapCarriesReadingsStateAndClockIntoTheNewRules() {
        try (EngineSession old = Rules.session()) {
            device(old, "miner-1", DeviceType.MINER, true);
            battery(old, 45);
            assertThat(old.fire()).hasSize(1);
            Rules.minutesLater(old, 2);
            battery(old, 44);

            List<RuleFile> files = new ArrayList<>(Rules.productionFilesPlus());
            files.replaceAll(f -> !f.name().equals("miners.drl") ? f : RuleFile.file("miners.drl",
                    f.content().replace("Battery below the pause threshold: pause running miners",
                            "Battery low: pause running miners")));
            RuleSet next = Rules.build(files);
            try (EngineSession s = old.switchTo(next, 2)) {
                assertThat(s.fire()).as("the miner is cooling down").isEmpty();
                assertThat(s.now()).isEqualTo(Rules.START.plusSeconds(120));
                assertThat(s.ruleSetVersion()).isEqualTo(2);
                assertThat(s.query("latest battery")).singleElement()
                        .satisfies(r -> assertThat(r.get("battery").toString()).contains("soc=44.0"));
                assertThat(s.query("active cooldowns")).hasSize(1); // the pause before the swap still counts
                Rules.minutesLater(s, 9);
                battery(s, 43);
                assertThat(s.fire()).singleElement().satisfies(d ->
                        assertThat(d.firedRules()).contains("Battery low: pause running miners"));
            }
        }
    }

    @Test
    void whatTheNewRulesDecideAtOnceComesOutOfTheNextFire() {
        try (EngineSession old = Rules.session()) {
            device(old, "heater", DeviceType.HEATER, false);
            battery(old, 70);
            assertThat(old.fire()).isEmpty();

            DecisionTable table = new DecisionTable("warm", "", true, List.of(
                    Tables.socRow(1, "heater on above 60", 60.0, null, "heater", true, 1)));
            RuleSet next = Rules.production().withTables(List.of(table));
            try (EngineSession s = old.switchTo(next, 2)) {
                // Not decided inside the swap, where the caller could not see it (and the engine
                // would believe it had switched a device it never switched).
                assertThat(s.facts(io.commandcenter.engine.facts.LastCommand.class)).isEmpty();
                assertThat(s.fire()).singleElement().satisfies(d -> {
                    assertThat(d.device()).isEqualTo("heater");
                    assertThat(d.on()).isTrue();
                    assertThat(d.outcome()).isEqualTo(Outcome.ALLOWED);
                    assertThat(d.ruleSetVersion()).isEqualTo(2);
                });
            }
        }
    }

    private static int lineOf(List<RuleFile> files, String file, String text) {
        String[] lines = files.stream().filter(f -> f.name().equals(file)).findFirst().orElseThrow().content().split("\n");
        for (int i = 0; i < lines.length; i++) {
            if (lines[i].contains(text)) {
                return i + 1;
            }
        }
        throw new AssertionError(text);
    }
}
