package io.commandcenter.device;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class DeviceNamesTests {

    @Test
    void derivesARegistryNameFromTheAppName() {
        assertThat(DeviceNames.fromCloudName("Miner #1 (Garage)", "a1")).isEqualTo("miner-1-garage");
        assertThat(DeviceNames.fromCloudName("Chauffe-eau été", "a1")).isEqualTo("chauffe-eau-ete");
        assertThat(DeviceNames.fromCloudName("  ", "E8DB84AA")).isEqualTo("shelly-e8db84aa");
        assertThat(DeviceNames.fromCloudName("x".repeat(80), "a1")).hasSize(63);
    }

    @Test
    void guessesTheTypeFromTheName() {
        assertThat(DeviceNames.guessType("Antminer S19")).isEqualTo(DeviceType.MINER);
        assertThat(DeviceNames.guessType("Well pump")).isEqualTo(DeviceType.PUMP);
        assertThat(DeviceNames.guessType("Water heater")).isEqualTo(DeviceType.HEATER);
        assertThat(DeviceNames.guessType("Porch light")).isEqualTo(DeviceType.LIGHTING);
        assertThat(DeviceNames.guessType("Fridge")).isEqualTo(DeviceType.OTHER);
    }
}
