package io.commandcenter.ingest.shelly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;

import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.CloudException.Kind;
import io.commandcenter.ingest.FastCalls;
import io.commandcenter.ingest.SimulatedCloudTestSupport;
import io.commandcenter.simulation.Faults;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The Shelly Cloud client against the simulator's Shelly Cloud over HTTP. */
class ShellyCloudClientTests extends SimulatedCloudTestSupport {

    static final String MINER_1 = "b48a0a1c2d3e";

    @BeforeEach
    void anHourIn() {
        sim.clock().advance(Duration.ofHours(1));
    }

    ShellyCloudClient client(String authKey) {
        // the simulator's own 1/s limit is off (faults cleared); ours is relaxed too so tests do not wait
        return new ShellyCloudClient(sim.shellyBaseUri(), authKey, FastCalls.settings(), 100, Duration.ofSeconds(1),
                Clock.systemUTC());
    }

    ShellyCloudClient client() {
        return client(sim.credentials().shellyAuthKey());
    }

    @Test
    void readsAGen2SwitchStatus() {
        ShellyDeviceStatus status = client().status(MINER_1);

        var device = sim.state().device("miner-1").orElseThrow();
        assertThat(status.online()).isTrue();
        ShellyChannel channel = status.channel(0).orElseThrow();
        assertThat(channel.on()).isEqualTo(device.on());
        assertThat(channel.power()).isCloseTo(device.powerW(), within(0.1));
        assertThat(channel.voltage()).isCloseTo(device.voltage(), within(0.1));
        assertThat(channel.current()).isCloseTo(device.currentA(), within(0.01));
        assertThat(channel.energyTotalWh()).isCloseTo(device.energyWh(), within(0.01));
    }

    @Test
    void readsEveryDeviceWithOneAllStatusRequest() {
        var statuses = client().allStatus();

        assertThat(statuses).containsOnlyKeys(sim.state().devices().stream().map(d -> d.cloudId()).distinct().toList());
        assertThat(statuses.values()).allSatisfy(s -> assertThat(s.online()).isTrue());
    }

    @Test
    void listsTheAccountsRelaysWithTheirAppNames() {
        assertThat(client().deviceList())
                .extracting(CloudDevice::name)
                .containsExactlyInAnyOrderElementsOf(sim.state().devices().stream().map(d -> d.name()).toList());
    }

    @Test
    void switchesARelay() {
        client().setRelay(MINER_1, 0, false);

        assertThat(sim.state().device("miner-1").orElseThrow().on()).isFalse();
        assertThat(client().status(MINER_1).channel(0).orElseThrow().on()).isFalse();
    }

    @Test
    void givesAnOfflineDeviceNoValues() {
        sim.faults().set(Faults.noneAndUnlimited().withShellyCloud(Faults.Api.NONE.withOfflineDevices(1)));

        ShellyDeviceStatus status = client().status(MINER_1);

        assertThat(status.online()).isFalse();
        assertThat(status.channels()).isEmpty();
        assertThat(client().allStatus().get(MINER_1).online()).isFalse();
    }

    @Test
    void reportsARefusedCommandForAnOfflineDevice() {
        sim.faults().set(Faults.noneAndUnlimited().withShellyCloud(Faults.Api.NONE.withOfflineDevices(1)));

        assertThatThrownBy(() -> client().setRelay(MINER_1, 0, false))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.getMessage()).contains("DEVICE_OFFLINE");
                });
    }

    @Test
    void reportsAnUnknownDeviceAsRejected() {
        assertThatThrownBy(() -> client().status("ffffffffffff"))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REJECTED));
    }

    @Test
    void reportsAWrongAuthKeyAsUnauthorized() {
        assertThatThrownBy(() -> client("wrong-key").allStatus())
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED));
    }

    @Test
    void staysWithinTheCloudsOnePerSecondLimit() {
        // The simulator enforces Shelly's real rolling limit again. Our limiter allows one call per 1 s cycle; two
        // calls either side of a cycle boundary can still be too close, and then the 429's Retry-After is honoured.
        sim.faults().set(Faults.none());
        var client = new ShellyCloudClient(sim.shellyBaseUri(), sim.credentials().shellyAuthKey(),
                FastCalls.settings(), 1, Duration.ofSeconds(1), Clock.systemUTC());

        for (int i = 0; i < 3; i++) {
            assertThat(client.allStatus()).isNotEmpty();
        }
        assertThat(client.resilience().retry().getMetrics().getNumberOfFailedCallsWithRetryAttempt()).isZero();
    }

    @Test
    void refusesEveryCallWhenNotConfigured() {
        var client = ShellyCloudClient.notConfigured("no account");

        assertThat(client.configured()).isFalse();
        assertThatThrownBy(() -> client.setRelay(MINER_1, 0, true))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_CONFIGURED));
    }
}
