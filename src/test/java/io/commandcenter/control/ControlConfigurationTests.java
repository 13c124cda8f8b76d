package io.commandcenter.control;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;

import io.commandcenter.device.Device;
import io.commandcenter.device.DeviceSwitch;
import io.commandcenter.features.FeatureDefault;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;

/** The HARDWARE_CONTROL flag's default keeps what commandcenter.control.hardware-enabled always meant. */
class ControlConfigurationTests {

    private static ControlProperties control(Map<String, String> properties) {
        return new Binder(new MapConfigurationPropertySource(properties))
                .bindOrCreate("commandcenter.control", ControlProperties.class);
    }

    private static DeviceSwitch relays(boolean simulated) {
        return new DeviceSwitch() {
            public String name() {
                return "test";
            }

            public RelayStatus read(Device device) {
                return new RelayStatus(true, false);
            }

            public void set(Device device, boolean on) {
            }

            public boolean simulated() {
                return simulated;
            }
        };
    }

    @Test
    void hardwareControlIsOnWithTheSimulatorAndOffOnARealSiteUntilTurnedOn() {
        assertThat(ControlConfiguration.hardwareControlDefault(control(Map.of()), relays(true)).enabled()).isTrue();
        FeatureDefault real = ControlConfiguration.hardwareControlDefault(control(Map.of()), relays(false));
        assertThat(real.enabled()).isFalse();
        assertThat(real.from()).isEqualTo("off on a real site until turned on");
    }

    @Test
    void theHardwareEnabledPropertyStillDecides() {
        FeatureDefault off = ControlConfiguration.hardwareControlDefault(
                control(Map.of("commandcenter.control.hardware-enabled", "false")), relays(true));
        assertThat(off.enabled()).isFalse();
        assertThat(off.from()).contains("COMMANDCENTER_CONTROL_HARDWARE_ENABLED");
        assertThat(ControlConfiguration.hardwareControlDefault(
                control(Map.of("commandcenter.control.hardware-enabled", "true")), relays(false)).enabled()).isTrue();
    }
}
