package io.commandcenter.ingest.shelly;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import io.commandcenter.ingest.SimulatedCloudTestSupport;
import io.commandcenter.sitemodel.Faults;
import io.commandcenter.sitemodel.Scenario;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Polls back to back and a command every 1.5 s on one account at real speed against the simulator's real Shelly
 * limit (1 request/s, 429 beyond), no try repeated: a single 429 would count. A shortened {@code bench-shelly}.
 */
class ShellyAccountBudgetOnSimulatorTests extends SimulatedCloudTestSupport {

    @ParameterizedTest
    @EnumSource(ShellyApi.class)
    void pollsAndCommandsTogetherGetNo429(ShellyApi api) {
        sim.faults().set(Faults.none()); // no faults, Shelly's real limit
        List<String> ids = sim.scenario().devices().stream().map(Scenario.DeviceSpec::cloudId).distinct().toList();
        Scenario.DeviceSpec relay = sim.scenario().devices().get(0);

        var figures = ShellyBudgetProbe.measure(sim.shellyBaseUri(), sim.credentials().shellyAuthKey(), api, ids,
                relay.cloudId(), relay.channel(), Duration.ofSeconds(6), Duration.ofMillis(1500));

        assertThat(figures.tooManyRequests()).isZero();
        assertThat(figures.commands()).isGreaterThanOrEqualTo(1);
        assertThat(figures.commandsFailed()).isZero();
        assertThat(figures.pollsComplete()).isGreaterThanOrEqualTo(1);
        // one request at a time, each 1.1 s after the previous ended: never more than the run could hold
        assertThat(figures.requests()).isLessThanOrEqualTo(figures.elapsedMillis() / 1100 + 1);
    }
}
