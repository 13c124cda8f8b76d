package io.commandcenter.engine;

import static io.commandcenter.engine.Rules.battery;
import static io.commandcenter.engine.Rules.device;
import static io.commandcenter.engine.Rules.minutesLater;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import io.commandcenter.device.DeviceType;
import io.commandcenter.engine.Decision.Outcome;
import org.junit.jupiter.api.Test;

class PriorityRulesTests {

    private static ActionRequest request(EngineSession s, boolean on, Source source) {
        return ActionRequest.of("heater", on, source, source.name().toLowerCase(), "test", s.now());
    }

    private static EngineSession site() {
        EngineSession s = Rules.session();
        device(s, "heater", DeviceType.HEATER, false);
        battery(s, 90);
        s.fire();
        return s;
    }

    @Test
    void aManualCommandHoldsItsDeviceAgainstAutomationAndAgentForAnHour() {
        try (EngineSession s = site()) {
            Decision manual = s.evaluate(request(s, true, Source.MANUAL));
            assertThat(manual.outcome()).isEqualTo(Outcome.ALLOWED);
            assertThat(manual.holdUntil()).isEqualTo(s.now().plus(Duration.ofHours(1)));
            assertThat(manual.firedRules()).contains("An allowed manual command holds its device");

            minutesLater(s, 30);
            for (Source lower : new Source[] {Source.AUTOMATION, Source.AGENT}) {
                Decision d = s.evaluate(request(s, false, lower));
                assertThat(d.outcome()).as(lower.name()).isEqualTo(Outcome.BLOCKED);
                assertThat(d.reasons()).contains("device held by a MANUAL command");
                assertThat(d.holdUntil()).isEqualTo(manual.holdUntil());
            }
            assertThat(s.query("desired states")).singleElement()
                    .satisfies(row -> assertThat(row.get("state").toString()).contains("on=true", "source=MANUAL"));

            minutesLater(s, 31);
            assertThat(s.evaluate(request(s, false, Source.AGENT)).outcome()).isEqualTo(Outcome.ALLOWED);
        }
    }

    @Test
    void aNewerManualCommandOverridesAnOlderOne() {
        try (EngineSession s = site()) {
            assertThat(s.evaluate(request(s, true, Source.MANUAL)).outcome()).isEqualTo(Outcome.ALLOWED);
            minutesLater(s, 1);
            assertThat(s.evaluate(request(s, false, Source.MANUAL)).outcome()).isEqualTo(Outcome.ALLOWED);
            assertThat(s.query("desired states")).singleElement()
                    .satisfies(row -> assertThat(row.get("state").toString()).contains("on=false"));
        }
    }

    @Test
    void automationOverridesTheAgentButWaitsForNoHoldOfItsOwn() {
        try (EngineSession s = site()) {
            assertThat(s.evaluate(request(s, false, Source.AGENT)).outcome()).isEqualTo(Outcome.ALLOWED);
            assertThat(s.evaluate(request(s, true, Source.AUTOMATION)).outcome()).isEqualTo(Outcome.ALLOWED);
            assertThat(s.evaluate(request(s, false, Source.AGENT)).outcome()).isEqualTo(Outcome.ALLOWED);
        }
    }

    @Test
    void anAgentAskingToSwitchALoadOnWaitsForApproval() {
        try (EngineSession s = site()) {
            Decision d = s.evaluate(request(s, true, Source.AGENT));
            assertThat(d.outcome()).isEqualTo(Outcome.NEEDS_APPROVAL);
            assertThat(d.firedRules()).contains("An agent asking to switch a load on waits for a person's approval");
            assertThat(s.query("pending approvals")).hasSize(1);
        }
    }
}
