package io.commandcenter.ingest.shelly.local;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import io.commandcenter.device.DeviceSwitch;
import io.commandcenter.device.Device;
import io.commandcenter.ingest.SimulatedCloudTestSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Gen2 local RPC against the simulator's devices, which ask for HTTP Digest (SHA-256) authentication here. */
class ShellyLocalSwitchTests extends SimulatedCloudTestSupport {

    static final String PASSWORD = "pump-house-2026";

    Device miner;

    @BeforeEach
    void devicesWithAPassword() {
        sim.requireShellyLocalPassword(PASSWORD);
        var spec = sim.scenario().devices().get(0);
        miner = new Device(spec.name(), spec.cloudId(), spec.channel(), spec.type(), spec.ratedPowerW(), true, null, false);
    }

    @AfterEach
    void openAgain() {
        sim.requireShellyLocalPassword(null);
    }

    ShellyLocalSwitch withPassword(String password) {
        return new ShellyLocalSwitch(d -> sim.shellyLocalUri(d.cloudId()), d -> password, Duration.ofSeconds(2));
    }

    @Test
    void answersTheDigestChallengeToReadAndSwitch() {
        var local = withPassword(PASSWORD);

        assertThat(local.read(miner)).isEqualTo(new DeviceSwitch.RelayStatus(true, true));
        local.set(miner, false);

        assertThat(sim.state().device(miner.name()).orElseThrow().on()).isFalse();
        assertThat(local.read(miner)).isEqualTo(new DeviceSwitch.RelayStatus(true, false));
    }

    @Test
    void failsWithAWrongPasswordAndLeavesTheRelayAlone() {
        assertThatThrownBy(() -> withPassword("not-it").set(miner, false))
                .isInstanceOf(DeviceSwitch.SwitchException.class)
                .hasMessageContaining("refused the configured LAN password");
        assertThat(sim.state().device(miner.name()).orElseThrow().on()).isTrue();
    }

    @Test
    void saysThatAPasswordIsNeededWhenNoneIsConfigured() {
        assertThatThrownBy(() -> withPassword(null).read(miner))
                .isInstanceOf(DeviceSwitch.SwitchException.class)
                .hasMessageContaining("COMMANDCENTER_CONTROL_LOCAL_PASSWORD");
    }

    @Test
    void needsNoAnswerFromADeviceWithoutAPassword() {
        sim.requireShellyLocalPassword(null);

        assertThat(withPassword(null).read(miner)).isEqualTo(new DeviceSwitch.RelayStatus(true, true));
    }
}
