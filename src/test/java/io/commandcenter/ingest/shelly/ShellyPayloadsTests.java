package io.commandcenter.ingest.shelly;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.commandcenter.ingest.CloudException;
import org.junit.jupiter.api.Test;

/** Shapes the simulator does not speak (Gen1 devices, per-channel device lists) as canned cloud answers. */
class ShellyPayloadsTests {

    @Test
    void convertsGen1WattMinutesToWattHours() {
        var status = ShellyPayloads.status("a1b2c3", """
                {"isok":true,"data":{"online":true,"device_status":{
                  "relays":[{"ison":true,"has_timer":false}],
                  "meters":[{"power":812.5,"is_valid":true,"total":6000}]}}}
                """);

        var channel = status.channel(0).orElseThrow();
        assertThat(channel.on()).isTrue();
        assertThat(channel.power()).isEqualTo(812.5);
        assertThat(channel.energyTotalWh()).isEqualTo(100.0);
        assertThat(channel.current()).isNull();
    }

    @Test
    void readsEveryChannelOfAGen2Device() {
        var status = ShellyPayloads.status("pro2pm", """
                {"isok":true,"data":{"online":true,"device_status":{
                  "switch:1":{"id":1,"output":false,"apower":0,"voltage":231.0,"current":0,"aenergy":{"total":5.5}},
                  "switch:0":{"id":0,"output":true,"apower":1398.2,"voltage":236.2,"current":5.93,"aenergy":{"total":1234.5}}}}}
                """);

        assertThat(status.channels()).extracting(ShellyChannel::channel).containsExactly(0, 1);
        assertThat(status.channel(0).orElseThrow().energyTotalWh()).isEqualTo(1234.5);
        assertThat(status.channel(1).orElseThrow().on()).isFalse();
    }

    @Test
    void dropsTheLastKnownValuesOfAnOfflineDevice() {
        var status = ShellyPayloads.status("a1b2c3", """
                {"isok":true,"data":{"online":false,"device_status":{"switch:0":{"output":true,"apower":1400}}}}
                """);

        assertThat(status.online()).isFalse();
        assertThat(status.channels()).isEmpty();
    }

    @Test
    void takesNoDeviceAsOnlineWithoutTheCloudsOnlineFlag() {
        // all_status without show_info: no _dev_info. cloud.connected is the device's own last report, not the cloud's.
        var statuses = ShellyPayloads.allStatus("""
                {"isok":true,"data":{"devices_status":{
                  "a1":{"cloud":{"connected":true},"relays":[{"ison":true}],"meters":[{"power":5,"total":60}]},
                  "a2":{"switch:0":{"id":0,"output":true,"apower":1400.0}},
                  "a3":{"_dev_info":{"online":true},"relays":[{"ison":false}],"meters":[{"power":0,"total":60}]}}}}
                """);

        assertThat(statuses.get("a1").online()).isFalse();
        assertThat(statuses.get("a1").channels()).isEmpty();
        assertThat(statuses.get("a2").online()).isFalse();
        assertThat(statuses.get("a2").channels()).isEmpty();
        assertThat(statuses.get("a3").online()).isTrue();
        assertThat(statuses.get("a3").channel(0).orElseThrow().on()).isFalse();
    }

    @Test
    void listsOneRelayPerChannelWhenTheCloudListsChannelsSeparately() {
        var devices = ShellyPayloads.deviceList("""
                {"isok":true,"data":{"devices":{
                  "e8db84aa":{"id":"e8db84aa","name":"Pump house","type":"SHSW-25","channel":0},
                  "e8db84aa_1":{"id":"e8db84aa","name":"Garage heater","type":"SHSW-25","channel":1}}}}
                """);

        assertThat(devices).containsExactly(new CloudDevice("e8db84aa", 0, "Pump house", "SHSW-25"),
                new CloudDevice("e8db84aa", 1, "Garage heater", "SHSW-25"));
    }

    @Test
    void turnsIsokFalseIntoARejection() {
        assertThatThrownBy(() -> ShellyPayloads.relayControl("""
                {"isok":false,"errors":{"DEVICE_OFFLINE":"Device is offline!"}}
                """))
                .isInstanceOfSatisfying(CloudException.class, e -> {
                    assertThat(e.kind()).isEqualTo(CloudException.Kind.REJECTED);
                    assertThat(e.getMessage()).contains("DEVICE_OFFLINE");
                });
    }
}
