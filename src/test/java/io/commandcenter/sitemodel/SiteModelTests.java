package io.commandcenter.sitemodel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

class SiteModelTests {

    static final Scenario SUMMER = Scenario.resolve("summer-week.yaml");
    static final Scenario WINTER = Scenario.resolve("winter-cloudy-week.yaml");
    static final Scenario GRID = Scenario.resolve("grid-tied.yaml");

    @Test
    void producesNoSolarAtNightAndPlentyAtNoon() {
        SiteModel model = new SiteModel(SUMMER);
        assertThat(model.state().pvW()).isZero(); // midnight local
        model.advanceTo(localTime(SUMMER, 0, 3));
        assertThat(model.state().pvW()).isZero();
        model.advanceTo(localTime(SUMMER, 0, 12));
        SiteState noon = model.state();
        assertThat(noon.pvW() + noon.curtailedW()).isGreaterThan(12_000);
        model.advanceTo(localTime(SUMMER, 0, 23));
        assertThat(model.state().pvW()).isZero();
    }

    @Test
    void winterCloudyDaysProduceFarLessThanSummerDays() {
        SiteModel summer = new SiteModel(SUMMER);
        SiteModel winter = new SiteModel(WINTER);
        summer.step(Duration.ofDays(1));
        winter.step(Duration.ofDays(1));
        assertThat(winter.state().totals().pvKwh()).isLessThan(summer.state().totals().pvKwh() / 3);
    }

    @Test
    void keepsStateOfChargeWithinBoundsAndAboveCutoffOffGrid() {
        for (Scenario scenario : List.of(SUMMER, WINTER, GRID)) {
            SiteModel model = new SiteModel(scenario);
            for (int i = 0; i < 7 * 24 * 6; i++) {
                SiteState state = model.step(Duration.ofMinutes(10));
                assertThat(state.socPercent()).isBetween(0.0, 100.0);
                assertThat(state.socPercent()).isGreaterThanOrEqualTo(scenario.site().battery().cutoffSoc() - 1e-6);
            }
        }
    }

    @Test
    void recordsUnmetLoadWhenTheOffGridBatteryReachesCutoff() {
        SiteModel model = new SiteModel(WINTER);
        model.setRelay("water-heater", true);
        model.step(Duration.ofDays(3));
        assertThat(model.state().totals().unmetKwh()).isGreaterThan(0);
        assertThat(model.history(WINTER.start(), model.now()))
                .anySatisfy(s -> assertThat(s.unmetLoadW()).isGreaterThan(0));
    }

    @Test
    void switchingAMinerOffLowersTheLoadAndRaisesTheFollowingStateOfCharge() {
        SiteModel withMiner = new SiteModel(SUMMER);
        SiteModel withoutMiner = new SiteModel(SUMMER);
        withMiner.advanceTo(localTime(SUMMER, 0, 19));
        withoutMiner.advanceTo(localTime(SUMMER, 0, 19));
        double loadBefore = withoutMiner.state().loadW();

        assertThat(withoutMiner.setRelay("miner-1", false)).isEqualTo(RelayOutcome.SWITCHED);

        SiteState after = withoutMiner.state();
        assertThat(after.loadW()).isLessThan(loadBefore - 1300);
        assertThat(after.device("miner-1").orElseThrow().on()).isFalse();
        assertThat(after.device("miner-1").orElseThrow().powerW()).isZero();
        for (int i = 0; i < 30; i++) {
            double soc = withMiner.step(Duration.ofMinutes(10)).socPercent();
            double socWithout = withoutMiner.step(Duration.ofMinutes(10)).socPercent();
            assertThat(socWithout).isGreaterThanOrEqualTo(soc);
        }
        assertThat(withoutMiner.state().socPercent()).isGreaterThan(withMiner.state().socPercent() + 5);
    }

    @Test
    void importsFromTheGridOnlyWhenConnected() {
        SiteModel offGrid = new SiteModel(WINTER);
        SiteModel gridTied = new SiteModel(GRID);
        gridTied.setRelay("water-heater", true);
        List<SiteState> offGridStates = new ArrayList<>();
        for (int i = 0; i < 3 * 24 * 6; i++) {
            offGridStates.add(offGrid.step(Duration.ofMinutes(10)));
            gridTied.step(Duration.ofMinutes(10));
        }
        assertThat(offGridStates).allSatisfy(s -> assertThat(s.gridW()).isZero());
        assertThat(offGrid.state().totals().gridImportKwh()).isZero();
        assertThat(gridTied.state().totals().gridImportKwh()).isGreaterThan(1);
        assertThat(gridTied.state().totals().gridExportKwh()).isGreaterThan(1);
        assertThat(gridTied.state().totals().unmetKwh()).isZero();
    }

    @Test
    void curtailsSurplusOffGridWhenTheBatteryIsFull() {
        SiteModel model = new SiteModel(SUMMER);
        model.setRelay("miner-1", false);
        model.setRelay("miner-2", false);
        model.advanceTo(localTime(SUMMER, 1, 15));
        SiteState state = model.state();
        assertThat(state.socPercent()).isGreaterThan(99.9);
        assertThat(state.curtailedW()).isGreaterThan(1000);
        assertThat(state.gridW()).isZero();
    }

    @Test
    void runsAPumpOnlyDuringItsDutyCycle() {
        SiteModel model = new SiteModel(SUMMER);
        double pumpAtStart = model.state().device("well-pump").orElseThrow().powerW();
        model.step(Duration.ofMinutes(30)); // past the 20-minute run
        assertThat(pumpAtStart).isGreaterThan(700);
        assertThat(model.state().device("well-pump").orElseThrow().powerW()).isZero();
        assertThat(model.state().device("well-pump").orElseThrow().on()).isTrue();
    }

    @Test
    void sameSeedAndStepsGiveTheSameStates() {
        SiteModel first = new SiteModel(SUMMER);
        SiteModel second = new SiteModel(SUMMER);
        for (int i = 0; i < 500; i++) {
            if (i == 100) {
                first.setRelay("miner-2", false);
                second.setRelay("miner-2", false);
            }
            assertThat(second.step(Duration.ofMinutes(7))).isEqualTo(first.step(Duration.ofMinutes(7)));
        }
    }

    @Test
    void anotherSeedGivesOtherReadings() {
        Scenario reseeded = Scenario.parse("reseeded", ScenarioTests.read("summer-week.yaml")
                .replace("seed: 20250616", "seed: 99"));
        SiteModel first = new SiteModel(SUMMER);
        SiteModel second = new SiteModel(reseeded);
        first.advanceTo(localTime(SUMMER, 0, 12));
        second.advanceTo(localTime(SUMMER, 0, 12));
        assertThat(second.state().pvW()).isNotEqualTo(first.state().pvW());
    }

    @Test
    void ignoresRelayCommandsWhenTheCommandDoesNotTakeFaultFires() {
        SiteModel model = new SiteModel(SUMMER);
        model.faults().update(f -> f.withRelayIgnoreProbability(1));
        assertThat(model.setRelay("miner-1", false)).isEqualTo(RelayOutcome.IGNORED);
        assertThat(model.state().device("miner-1").orElseThrow().on()).isTrue();
    }

    @Test
    void refusesRelayCommandsForOfflineDevicesAndKeepsTheirLoadRunningUnlessPowerIsCut() {
        SiteModel model = new SiteModel(SUMMER);
        model.faults().update(f -> f.withOffline(List.of(
                new Faults.OfflineWindow("miner-1", Duration.ZERO, Duration.ofHours(1), false),
                new Faults.OfflineWindow("miner-2", Duration.ZERO, Duration.ofHours(1), true))));
        SiteState state = model.state();
        assertThat(state.device("miner-1").orElseThrow().online()).isFalse();
        assertThat(state.device("miner-1").orElseThrow().powerW()).isGreaterThan(1300);
        assertThat(state.device("miner-2").orElseThrow().powerW()).isZero();
        assertThat(model.setRelay("miner-1", false)).isEqualTo(RelayOutcome.DEVICE_OFFLINE);

        model.step(Duration.ofHours(1));
        assertThat(model.state().device("miner-1").orElseThrow().online()).isTrue();
        assertThat(model.setRelay("miner-1", false)).isEqualTo(RelayOutcome.SWITCHED);
    }

    @Test
    void addressesRelaysByCloudIdAndChannel() {
        SiteModel model = new SiteModel(SUMMER);
        assertThat(model.setRelay("b48a0a1c2d3f", 0, false)).isEqualTo(RelayOutcome.SWITCHED);
        assertThat(model.state().device("miner-2").orElseThrow().on()).isFalse();
        assertThat(model.setRelay("b48a0a1c2d3f", 1, false)).isEqualTo(RelayOutcome.UNKNOWN_DEVICE);
        assertThat(model.setRelay("nobody", 0, false)).isEqualTo(RelayOutcome.UNKNOWN_DEVICE);
    }

    @Test
    void countsDeviceEnergyAndResetsToTheStart() {
        SiteModel model = new SiteModel(SUMMER);
        model.step(Duration.ofHours(1));
        assertThat(model.state().device("miner-1").orElseThrow().energyWh()).isBetween(1350.0, 1450.0);
        model.reset();
        assertThat(model.now()).isEqualTo(SUMMER.start());
        assertThat(model.state().device("miner-1").orElseThrow().energyWh()).isZero();
        assertThat(model.state().socPercent()).isEqualTo(65.0);
    }

    static Instant localTime(Scenario scenario, int day, int hour) {
        ZonedDateTime start = scenario.start().atZone(scenario.timezone());
        return start.toLocalDate().plusDays(day).atTime(hour, 0).atZone(scenario.timezone()).toInstant();
    }
}
