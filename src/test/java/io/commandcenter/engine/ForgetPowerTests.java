package io.commandcenter.engine;

import static io.commandcenter.engine.Rules.power;
import static org.assertj.core.api.Assertions.assertThat;

import io.commandcenter.engine.facts.PowerNow;
import org.junit.jupiter.api.Test;

/** A stale inverter flow (frozen SolArk cloud) takes the flows in force away instead of keeping the last ones. */
class ForgetPowerTests {

    @Test
    void forgetsTheFlowsInForceUntilTheNextCurrentReading() {
        try (EngineSession s = Rules.session()) {
            power(s, 3000, 800, 0);
            assertThat(s.facts(PowerNow.class)).singleElement().extracting(PowerNow::pv).isEqualTo(3000.0);

            s.forgetPower();
            assertThat(s.facts(PowerNow.class)).isEmpty();

            power(s, 2500, 900, 0);
            assertThat(s.facts(PowerNow.class)).singleElement().extracting(PowerNow::pv).isEqualTo(2500.0);
        }
    }
}
