package io.commandcenter.engine;

import static io.commandcenter.engine.Rules.battery;
import static io.commandcenter.engine.Rules.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Readings are events that leave the session by themselves, so memory stays flat over weeks. */
class ReadingExpiryTests {

    private static final String QUERY = """
            package rules;
            import io.commandcenter.engine.facts.*;
            query "battery readings" $b: BatteryLevel() end
            """;

    @Test
    void aBatteryReadingLeavesTheSessionAfterFifteenMinutes() {
        RuleSet rules = Rules.build(Rules.productionFilesPlus(RuleFile.file("readings.drl", QUERY)));
        try (EngineSession s = Rules.session(rules, Rules.defaults())) {
            battery(s, 60);
            s.fire();
            minutesLater(s, 14);
            s.fire();
            assertThat(s.query("battery readings")).hasSize(1);
            minutesLater(s, 2);
            s.fire();
            assertThat(s.query("battery readings")).isEmpty();
            assertThat(s.facts(io.commandcenter.engine.facts.BatteryNow.class)).as("the latest level stays").hasSize(1);
        }
    }

    @Test
    void aRuleFileThatNeedsALongerHistoryDeclaresIt() {
        RuleSet rules = Rules.build(Rules.productionFilesPlus(RuleFile.file("readings.drl",
                QUERY.replace("query", "declare BatteryLevel @role(event) @expires(2h) end\nquery"))));
        try (EngineSession s = Rules.session(rules, Rules.defaults())) {
            battery(s, 60);
            s.fire();
            minutesLater(s, 60);
            s.fire();
            assertThat(s.query("battery readings")).hasSize(1);
            minutesLater(s, 61);
            s.fire();
            assertThat(s.query("battery readings")).isEmpty();
        }
    }
}
