package io.commandcenter.ingest.shelly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import io.commandcenter.ingest.CloudException.Kind;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.FastCalls;
import io.commandcenter.simulation.SiteSimulator;
import io.commandcenter.sitemodel.Faults;
import io.commandcenter.sitemodel.Scenario;
import io.commandcenter.sitemodel.SiteState;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Shelly Cloud client, v2 and v1, against the simulator's Shelly Cloud over HTTP, with relays of every
 * generation (Gen3 miner-1, Gen1 two-channel well-pump/yard-light, Gen2 water-heater).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ShellyCloudClientTests {

    static final String MINER_1 = "b48a0a1c2d3e";
    static final String GEN1_TWO_CHANNEL = "e8db84aa0001";
    static final String WATER_HEATER = "c8f09e4a5b61";

    SiteSimulator sim;

    @BeforeAll
    void startSimulator() {
        sim = SiteSimulator.manual(Scenario.resolve("shelly-generations.yaml")).start(0);
    }

    @AfterAll
    void stopSimulator() {
        sim.close();
    }

    @BeforeEach
    void anHourInWithoutFaults() {
        sim.reset();
        sim.faults().clear();
        sim.clock().advance(Duration.ofHours(1));
    }

    ShellyCloudClient client(ShellyApi api, String authKey) {
        // the simulator's own 1/s limit is off (faults cleared); our budget is relaxed too so tests do not wait
        return new ShellyCloudClient(sim.shellyBaseUri(), authKey, api, FastCalls.settings(),
                ShellyCloudClient.budgetFor(100, Duration.ofSeconds(1)), Clock.systemUTC());
    }

    ShellyCloudClient client(ShellyApi api) {
        return client(api, sim.credentials().shellyAuthKey());
    }

    SiteState.Device device(String name) {
        return sim.state().device(name).orElseThrow();
    }

    @ParameterizedTest
    @EnumSource(ShellyApi.class)
    void readsAGen3SwitchStatus(ShellyApi api) {
        ShellyDeviceStatus status = client(api).status(MINER_1);

        var device = device("miner-1");
        assertThat(status.online()).isTrue();
        ShellyChannel channel = status.channel(0).orElseThrow();
        assertThat(channel.on()).isEqualTo(device.on()).isTrue();
        assertThat(channel.power()).isCloseTo(device.powerW(), within(0.1));
        assertThat(channel.voltage()).isCloseTo(device.voltage(), within(0.1));
        assertThat(channel.current()).isCloseTo(device.currentA(), within(0.01));
        assertThat(channel.energyTotalWh()).isCloseTo(device.energyWh(), within(0.01));
    }

    @ParameterizedTest
    @EnumSource(ShellyApi.class)
    void readsBothRelaysOfAGen1DeviceWithWattMinutesAsWattHoursAndNoVoltage(ShellyApi api) {
        ShellyDeviceStatus status = client(api).status(GEN1_TWO_CHANNEL);

        var pump = device("well-pump");
        var light = device("yard-light");
        assertThat(status.channels()).extracting(ShellyChannel::channel).containsExactly(0, 1);
        ShellyChannel first = status.channel(0).orElseThrow();
        assertThat(first.on()).isTrue();
        assertThat(first.power()).isCloseTo(pump.powerW(), within(0.01));
        // whole watt-minutes on the wire: within 1/60 Wh
        assertThat(first.energyTotalWh()).isCloseTo(pump.energyWh(), within(1.0 / 60));
        assertThat(first.voltage()).isNull();
        assertThat(first.current()).isNull();
        assertThat(status.channel(1).orElseThrow().on()).isEqualTo(light.on()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ShellyApi.class)
    void readsEveryAskedDeviceAsOnline(ShellyApi api) {
        var statuses = client(api).statuses(List.of(MINER_1, GEN1_TWO_CHANNEL, WATER_HEATER));

        assertThat(statuses).containsOnlyKeys(MINER_1, GEN1_TWO_CHANNEL, WATER_HEATER);
        assertThat(statuses.values()).allSatisfy(s -> assertThat(s.online()).isTrue());
        assertThat(statuses.get(WATER_HEATER).channel(0).orElseThrow().power())
                .isCloseTo(device("water-heater").powerW(), within(0.1));
    }

    @Test
    void asksV1AllStatusForTheOnlineFlags() {
        client(ShellyApi.V1).statuses(List.of(MINER_1));

        assertThat(sim.requests("/shelly/device/all_status")).isEqualTo(1);
        assertThat(sim.requests("/shelly/v2/devices/api/get")).isZero();
    }

    @Test
    void batchesV2ReadsTenIdsARequest() {
        List<String> ids = new java.util.ArrayList<>(List.of(MINER_1, GEN1_TWO_CHANNEL, WATER_HEATER));
        for (int i = 0; i < 9; i++) {
            ids.add("ffffffff000" + i);
        }

        var statuses = client(ShellyApi.V2).statuses(ids);

        assertThat(sim.requests("/shelly/v2/devices/api/get")).isEqualTo(2);
        // ids the cloud does not know are left out: their readings become unknown
        assertThat(statuses).containsOnlyKeys(MINER_1, GEN1_TWO_CHANNEL, WATER_HEATER);
    }

    @Test
    void listsTheAccountsRelaysWithTheirAppNames() {
        assertThat(client(ShellyApi.V2).deviceList())
                .extracting(CloudDevice::name)
                .containsExactlyInAnyOrderElementsOf(sim.state().devices().stream().map(d -> d.name()).toList());
    }

    @ParameterizedTest
    @EnumSource(ShellyApi.class)
    void switchesARelay(ShellyApi api) {
        client(api).setRelay(GEN1_TWO_CHANNEL, 1, true);
        client(api).setRelay(MINER_1, 0, false);

        assertThat(device("yard-light").on()).isTrue();
        assertThat(device("miner-1").on()).isFalse();
        assertThat(client(api).status(MINER_1).channel(0).orElseThrow().on()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ShellyApi.class)
    void givesAnOfflineDeviceNoValues(ShellyApi api) {
        sim.faults().set(Faults.noneAndUnlimited().withShellyCloud(Faults.Api.NONE.withOfflineDevices(1)));

        ShellyDeviceStatus status = client(api).status(MINER_1);

        assertThat(status.online()).isFalse();
        assertThat(status.channels()).isEmpty();
        assertThat(client(api).statuses(List.of(MINER_1)).get(MINER_1).online()).isFalse();
    }

    @ParameterizedTest
    @EnumSource(ShellyApi.class)
    void reportsARefusedCommandForAnOfflineDevice(ShellyApi api) {
        sim.faults().set(Faults.noneAndUnlimited().withShellyCloud(Faults.Api.NONE.withOfflineDevices(1)));

        assertThatThrownBy(() -> client(api).setRelay(MINER_1, 0, false))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.getMessage()).contains("DEVICE_OFFLINE");
                });
        assertThat(device("miner-1").on()).isTrue();
    }

    @ParameterizedTest
    @EnumSource(ShellyApi.class)
    void reportsAnUnknownDeviceAsRejected(ShellyApi api) {
        assertThatThrownBy(() -> client(api).status("ffffffffffff"))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.REJECTED));
    }

    @ParameterizedTest
    @EnumSource(ShellyApi.class)
    void reportsAWrongAuthKeyAsUnauthorized(ShellyApi api) {
        assertThatThrownBy(() -> client(api, "wrong-key").statuses(List.of(MINER_1)))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.UNAUTHORIZED));
    }

    @Test
    void staysWithinTheCloudsOnePerSecondLimit() {
        // The simulator enforces Shelly's real rolling limit again; the account budget spaces requests 1.1 s apart.
        sim.faults().set(Faults.none());
        var client = new ShellyCloudClient(sim.shellyBaseUri(), sim.credentials().shellyAuthKey(), ShellyApi.V2,
                FastCalls.settings(), ShellyCloudClient.budgetFor(1, Duration.ofSeconds(1)), Clock.systemUTC());

        client.statuses(List.of(MINER_1));
        client.setRelay(MINER_1, 0, false);
        client.status(MINER_1);

        assertThat(client.resilience().retry().getMetrics().getNumberOfFailedCallsWithRetryAttempt()).isZero();
        assertThat(client.resilience().retry().getMetrics().getNumberOfSuccessfulCallsWithRetryAttempt()).isZero();
    }

    @Test
    void refusesEveryCallWhenNotConfigured() {
        var client = ShellyCloudClient.notConfigured("no account");

        assertThat(client.configured()).isFalse();
        assertThatThrownBy(() -> client.setRelay(MINER_1, 0, true))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.kind()).isEqualTo(Kind.NOT_CONFIGURED));
    }
}
