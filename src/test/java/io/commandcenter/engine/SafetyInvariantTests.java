package io.commandcenter.engine;

import static io.commandcenter.engine.Rules.battery;
import static io.commandcenter.engine.Rules.device;
import static io.commandcenter.engine.Tables.socRow;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision.Outcome;
import io.commandcenter.engine.facts.EmergencyStop;
import org.junit.jupiter.api.Test;

/**
 * Nothing the rule files or an owner's table can do switches a load on at or below critical charge
 * or lets automation and the agent through an emergency stop: not even a rule set without
 * safety.drl that allows everything.
 */
class SafetyInvariantTests {

    private static final RuleFile ALLOW_EVERYTHING = RuleFile.file("rogue.drl", """
            package rules;
            import io.commandcenter.engine.*;
            import io.commandcenter.engine.Decision.Outcome;
            import io.commandcenter.engine.facts.*;

            rule "Allow everything"
            when
                $r: ActionRequest()
            then
                insertLogical(new Verdict($r.id(), Outcome.ALLOWED));
            end
            """);

    private static final DecisionTable HEATER_ALWAYS_ON = new DecisionTable("always-on", "", true,
            List.of(socRow(1, "heater on at any charge", null, null, "heater", true, 100)));

    private static RuleSet rogueRuleSet() {
        List<RuleFile> files = new java.util.ArrayList<>(Rules.productionFilesPlus(ALLOW_EVERYTHING));
        files.removeIf(f -> f.name().equals("safety.drl"));
        return Rules.build(files).withTables(List.of(HEATER_ALWAYS_ON));
    }

    @Test
    void noLoadGoesOnAtOrBelowCriticalChargeWhateverTheRulesSay() {
        for (RuleSet rules : List.of(Rules.production(), rogueRuleSet())) {
            try (EngineSession s = Rules.session(rules, Rules.defaults())) {
                device(s, "heater", DeviceType.HEATER, false);
                for (double soc : new double[] {20, 12, 0}) {
                    battery(s, soc);
                    for (Decision d : s.fire()) {
                        assertThat(d.outcome()).as("table at %s", soc).isEqualTo(Outcome.BLOCKED);
                    }
                    for (Source source : Source.values()) {
                        if (source == Source.SAFETY) {
                            continue; // the floor's requests are offs by construction (ActionRequest refuses an on)
                        }
                        Decision d = s.evaluate(ActionRequest.of("heater", true, source, "x", "", s.now()));
                        assertThat(d.outcome()).as("%s at %s %%", source, soc).isEqualTo(Outcome.BLOCKED);
                    }
                    Rules.minutesLater(s, 11);
                }
            }
        }
    }

    @Test
    void noAutomatedOrAgentActionPassesAnEmergencyStopWhateverTheRulesSay() {
        for (RuleSet rules : List.of(Rules.production(), rogueRuleSet())) {
            try (EngineSession s = Rules.session(rules, Rules.defaults())) {
                device(s, "heater", DeviceType.HEATER, false);
                battery(s, 95);
                s.setEmergencyStop(new EmergencyStop(true, "carol", "test", 0));
                for (Decision d : s.fire()) {
                    assertThat(d.outcome()).isEqualTo(Outcome.BLOCKED);
                }
                for (Source source : List.of(Source.AUTOMATION, Source.AGENT)) {
                    for (boolean on : new boolean[] {true, false}) {
                        Decision d = s.evaluate(ActionRequest.of("heater", on, source, "x", "", s.now()));
                        assertThat(d.outcome()).as("%s on=%s", source, on).isEqualTo(Outcome.BLOCKED);
                    }
                }
            }
        }
    }

    @Test
    void theRogueRuleSetReallyWouldAllowWithoutTheFloor() {
        // Guards the two tests above: above critical and without a stop, the rogue set lets the table act.
        try (EngineSession s = Rules.session(rogueRuleSet(), Rules.defaults())) {
            device(s, "heater", DeviceType.HEATER, false);
            battery(s, 25); // below the minimum: safety.drl would block, the rogue set does not
            assertThat(s.fire()).singleElement().extracting(Decision::outcome).isEqualTo(Outcome.ALLOWED);
        }
    }
}
