package io.commandcenter.ingest.openmeteo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class SolarArrayTests {

    private final SolarArray fiveKwp = new SolarArray(5, 30, 0, 0.14, -0.004);

    @Test
    void fullSunOnACoolDayGivesThePeakLessLossesAndTheHotCells() {
        // cell: 25 + 1000/800 x (45 - 20) = 56.25 °C, so 31.25 °C above STC: x (1 - 0.125)
        assertThat(fiveKwp.expectedWatts(1000, 25)).isCloseTo(5000 * 0.86 * 0.875, within(0.01));
    }

    @Test
    void coldCellsGiveMoreThanWarmOnes() {
        assertThat(fiveKwp.expectedWatts(600, -5)).isGreaterThan(fiveKwp.expectedWatts(600, 30));
    }

    @Test
    void noLightNoPower() {
        assertThat(fiveKwp.expectedWatts(0, 10)).isZero();
        assertThat(fiveKwp.expectedWatts(-3, 10)).as("a negative irradiance is not a power").isZero();
    }

    @Test
    void scalesWithTheIrradiance() {
        assertThat(fiveKwp.expectedWatts(200, 0) * 2).isCloseTo(fiveKwp.expectedWatts(400, 0), within(60.0));
    }
}
