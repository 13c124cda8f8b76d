package io.commandcenter.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;

import io.commandcenter.IntegrationTest;
import io.commandcenter.timeseries.TimeseriesQueries.DataGap;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class TimeseriesQueriesIntegrationTests {

    @Autowired TimeseriesQueries queries;
    @Autowired ReadingWriter writer;
    @Autowired Aggregator aggregator;
    @Autowired JdbcClient jdbc;

    final Instant start = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(3, ChronoUnit.HOURS);

    @BeforeEach
    void emptyTables() {
        TimeseriesTables.truncate(jdbc);
    }

    @Test
    void findsGapsBetweenReadingsAndUpToTheWindowEnd() {
        writer.storeDevices(List.of(reading("miner-1", 0, 10), reading("miner-1", 2, 10), reading("miner-1", 20, 10),
                reading("miner-1", 22, 10), reading("miner-2", 0, 5), reading("miner-2", 30, 5)));

        List<DataGap> gaps = queries.gaps(ReadingSource.SHELLY, start, at(25), Duration.ofMinutes(10));

        assertThat(gaps).extracting(DataGap::series, DataGap::from, DataGap::to)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("miner-2", at(0), at(25)),
                        org.assertj.core.groups.Tuple.tuple("miner-1", at(2), at(20)));
        assertThat(gaps.get(1).seconds()).isEqualTo(18 * 60);
    }

    @Test
    void reportsTheWholeWindowAsAGapWhenASourceSentNothing() {
        List<DataGap> gaps = queries.gaps(ReadingSource.VICTRON, start, at(60), Duration.ofMinutes(10));

        assertThat(gaps).singleElement().satisfies(g -> {
            assertThat(g.series()).isNull();
            assertThat(g.from()).isEqualTo(start);
            assertThat(g.to()).isEqualTo(at(60));
        });
    }

    @Test
    void choosesTheResolutionBySpanWhenNoneIsGiven() {
        writer.storeBattery(List.of(new BatteryReading("home", at(5), 50, 52, 10, null)));
        aggregator.rollUpHours(Aggregator.Table.BATTERY, start, start.plus(1, ChronoUnit.HOURS));

        assertThat(queries.batteryHistory(start, at(60), null).resolution()).isEqualTo(Resolution.RAW);
        var hourly = queries.batteryHistory(start.minus(10, ChronoUnit.DAYS), at(60), null);
        assertThat(hourly.resolution()).isEqualTo(Resolution.HOUR);
        assertThat(hourly.points()).singleElement().satisfies(p -> {
            assertThat(p.at()).isEqualTo(start);
            assertThat(p.soc().avg()).isEqualTo(50.0);
        });
        assertThat(queries.batteryHistory(start.minus(100, ChronoUnit.DAYS), at(60), null).resolution())
                .isEqualTo(Resolution.DAY);
    }

    @Test
    void sumsEnergyPerDeviceFromRawReadingsClippedToTheWindow() {
        writer.storeDevices(List.of(reading("miner-1", 0, 1000), reading("miner-1", 10, 1000),
                reading("miner-1", 20, 3000), reading("miner-2", 10, 100)));

        var energy = queries.energyPerDevice(at(5), at(20));

        assertThat(energy).hasSize(2);
        assertThat(energy.get(0).device()).isEqualTo("miner-1");
        // 5 minutes at 1000 W, then 10 minutes rising from 1000 to 3000 W (average 2000 W)
        assertThat(energy.get(0).energyWh()).isCloseTo(1000.0 * 5 / 60 + 2000.0 * 10 / 60, within(1e-9));
        assertThat(energy.get(0).peakW()).isEqualTo(1000.0); // the 3000 W reading is at the window's end, excluded
        // A single reading gives a peak but no energy: unknown, not zero.
        assertThat(energy.get(1).energyWh()).isNull();
        assertThat(energy.get(1).peakW()).isEqualTo(100.0);
    }

    @Test
    void sumsOlderEnergyFromHourlyAggregates() {
        Instant old = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(5, ChronoUnit.DAYS);
        jdbc.sql("""
                INSERT INTO shelly.power_hourly (device, bucket, samples, known_samples, power_max, energy_wh)
                VALUES ('miner-1', :a, 30, 30, 1400, 1300), ('miner-1', :b, 30, 30, 1500, 1200)
                """).param("a", Timestamp.from(old)).param("b", Timestamp.from(old.plus(1, ChronoUnit.HOURS))).update();

        var energy = queries.energyPerDevice(old, old.plus(1, ChronoUnit.DAYS));

        assertThat(energy).singleElement().satisfies(e -> {
            assertThat(e.energyWh()).isEqualTo(2500.0);
            assertThat(e.peakW()).isEqualTo(1500.0);
            assertThat(e.peakAt()).isEqualTo(old.plus(1, ChronoUnit.HOURS));
        });
    }

    @Test
    void returnsTheLatestReadingOfEachDevice() {
        writer.storeDevices(List.of(reading("miner-1", 0, 10), reading("miner-1", 5, 11), reading("pump", 3, 7)));

        assertThat(queries.latestPerDevice()).extracting(DevicePowerReading::device, DevicePowerReading::power)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("miner-1", 11.0),
                        org.assertj.core.groups.Tuple.tuple("pump", 7.0));
    }

    @Test
    void keepsTheNewestReadingAsLatestWhenALateOneArrives() {
        writer.storeDevices(List.of(reading("miner-1", 10, 20)));
        writer.storeDevices(List.of(reading("miner-1", 5, 15)));

        assertThat(queries.latestDevice("miner-1")).get().extracting(DevicePowerReading::power).isEqualTo(20.0);
        assertThat(queries.latestDevice("nobody")).isEmpty();
    }

    @Test
    void refusesAWindowThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> queries.solarHistory(at(10), at(0), null))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private Instant at(int minute) {
        return start.plus(minute, ChronoUnit.MINUTES);
    }

    private DevicePowerReading reading(String device, int minute, double watts) {
        return new DevicePowerReading(device, at(minute), true, true, watts, 230.0, null, null);
    }
}
