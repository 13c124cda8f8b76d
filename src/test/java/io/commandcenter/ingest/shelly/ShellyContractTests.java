package io.commandcenter.ingest.shelly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;


import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.CloudException.Kind;
import org.junit.jupiter.api.Test;

/** The production parsers on Shelly Cloud answers in the real shapes ({@code contracts/shelly/}, sources in the README). */
class ShellyContractTests {

    static final String MINER_1 = "b48a0a1c2d3e";
    static final String MINER_2 = "b48a0a1c2d3f";
    static final String GEN1 = "e8db84aa0001";

    static String answer(String file) {
        return io.commandcenter.ingest.ContractAnswers.read("shelly", file);
    }

    @Test
    void readsAGen2DeviceStatus() {
        var status = ShellyPayloads.status(MINER_1, answer("v1-device-status-gen2.json"));

        assertThat(status.online()).isTrue();
        assertThat(status.channels()).containsExactly(new ShellyChannel(0, true, 1398.2, 236.2, 5.93, 1234.5));
    }

    @Test
    void readsAGen1DeviceStatusInWattHoursWithoutVoltage() {
        var status = ShellyPayloads.status(GEN1, answer("v1-device-status-gen1.json"));

        assertThat(status.online()).isTrue();
        // meters[].total 93075 watt-minutes = 1551.25 Wh; Gen1 meters carry neither voltage nor current
        assertThat(status.channels()).containsExactly(new ShellyChannel(0, true, 812.5, null, null, 1551.25));
    }

    @Test
    void givesAnOfflineDeviceNoneOfItsLastValues() {
        var status = ShellyPayloads.status(MINER_2, answer("v1-device-status-offline.json"));

        assertThat(status.online()).isFalse();
        assertThat(status.channels()).isEmpty();
    }

    @Test
    void readsTheOnlineFlagsOfAllStatusWithShowInfo() {
        var statuses = ShellyPayloads.allStatus(answer("v1-all-status-show-info.json"));

        assertThat(statuses).containsOnlyKeys(MINER_1, MINER_2, GEN1);
        assertThat(statuses.get(MINER_1).online()).isTrue();
        assertThat(statuses.get(MINER_1).channels()).containsExactly(new ShellyChannel(0, true, 1398.2, 236.2, 5.93, 1234.5));
        // offline: the cloud still shows its last numbers (and cloud.connected true); none of them is taken
        assertThat(statuses.get(MINER_2).online()).isFalse();
        assertThat(statuses.get(MINER_2).channels()).isEmpty();
        assertThat(statuses.get(GEN1).online()).isTrue();
        assertThat(statuses.get(GEN1).channels()).containsExactly(
                new ShellyChannel(0, true, 812.5, null, null, 1551.25),
                new ShellyChannel(1, false, 0.0, null, null, 75.2));
    }

    @Test
    void takesNoDeviceOfAllStatusWithoutShowInfoAsOnline() {
        var statuses = ShellyPayloads.allStatus(answer("v1-all-status-without-show-info.json"));

        assertThat(statuses).containsOnlyKeys(MINER_1, MINER_2, GEN1);
        assertThat(statuses.values()).allSatisfy(status -> {
            assertThat(status.online()).isFalse();
            assertThat(status.channels()).isEmpty();
        });
    }

    @Test
    void acceptsARelayCommand() {
        assertThatCode(() -> ShellyPayloads.relayControl(answer("v1-relay-control.json"))).doesNotThrowAnyException();
    }

    @Test
    void refusesARelayCommandForAnOfflineDevice() {
        assertThatThrownBy(() -> ShellyPayloads.relayControl(answer("v1-relay-control-device-offline.json")))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.getMessage()).contains("DEVICE_OFFLINE").contains("Device is offline!");
                });
    }

    @Test
    void readsTheRequestLimitWithHttp200AsARefusalNamingMaxReq() {
        assertThatThrownBy(() -> ShellyPayloads.allStatus(answer("v1-request-limit.json")))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(Kind.REJECTED);
                    assertThat(e.getMessage()).contains("max_req").contains("Request limit reached!");
                });
    }

    @Test
    void readsV2StatesOfEveryGenerationWithTheNumericOnlineFlag() {
        var states = ShellyPayloads.v2States(answer("v2-get-status.json"));

        assertThat(states).containsOnlyKeys(MINER_1, MINER_2, GEN1, "d4d4daf00001");
        assertThat(states.get(MINER_1).online()).isTrue();
        assertThat(states.get(MINER_1).channels()).containsExactly(new ShellyChannel(0, true, 1398.2, 236.2, 5.93, 1234.5));
        // "online": 0 with a status: the last values, not taken
        assertThat(states.get(MINER_2).online()).isFalse();
        assertThat(states.get(MINER_2).channels()).isEmpty();
        assertThat(states.get(GEN1).online()).isTrue();
        assertThat(states.get(GEN1).channels()).containsExactly(new ShellyChannel(0, false, 0.0, null, null, 75.2));
        // "online": 1 but no "status" to read the relay from: unknown, like an offline one
        assertThat(states.get("d4d4daf00001").online()).isFalse();
        assertThat(states.get("d4d4daf00001").channels()).isEmpty();
    }

    @Test
    void acceptsAV2SwitchAnsweredWithAnEmptyBody() {
        assertThat(answer("v2-set-switch-accepted.json")).isEmpty();
        assertThatCode(() -> ShellyPayloads.v2Set(answer("v2-set-switch-accepted.json"))).doesNotThrowAnyException();
    }

    @Test
    void namesTheV2ErrorOfAnOfflineDevice() {
        CloudException e = ShellyPayloads.v2Error(400, answer("v2-error-device-offline.json"));

        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.getMessage()).isEqualTo("Shelly Cloud refused: DEVICE_OFFLINE (Device is offline)");
    }

    @Test
    void namesTheV2ErrorOfABadRequest() {
        CloudException e = ShellyPayloads.v2Error(400, answer("v2-error-bad-request.json"));

        assertThat(e.kind()).isEqualTo(Kind.REJECTED);
        assertThat(e.getMessage()).isEqualTo("Shelly Cloud refused: BAD_REQUEST (ids must list 1 to 10 device ids)");
    }

    @Test
    void readsAV2ErrorInsteadOfAListAsARefusal() {
        assertThatThrownBy(() -> ShellyPayloads.v2States(answer("v2-error-bad-request.json")))
                .isInstanceOfSatisfying(CloudException.class, e -> assertThat(e.getMessage()).contains("BAD_REQUEST"));
    }
}
