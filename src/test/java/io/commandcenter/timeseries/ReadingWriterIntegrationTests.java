package io.commandcenter.timeseries;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import io.commandcenter.IntegrationTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.event.ApplicationEvents;
import org.springframework.test.context.event.RecordApplicationEvents;

@IntegrationTest
@RecordApplicationEvents
class ReadingWriterIntegrationTests {

    @Autowired ReadingWriter writer;
    @Autowired ReadingCounters counters;
    @Autowired JdbcClient jdbc;
    @Autowired ApplicationEvents events;

    final Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);

    Map<String, Long> countedBefore;

    @BeforeEach
    void emptyTables() {
        TimeseriesTables.truncate(jdbc);
        countedBefore = counters.totals();
    }

    @Test
    void storesBatteryReadingsAndPublishesThemAfterCommit() {
        var readings = List.of(battery(now.minusSeconds(120), 80.5), battery(now.minusSeconds(60), 81.0));

        var result = writer.storeBattery(readings);

        assertThat(result.stored()).isEqualTo(2);
        assertThat(result.rejections()).isEmpty();
        assertThat(jdbc.sql("SELECT soc FROM victron.battery_readings ORDER BY at").query(Double.class).list())
                .containsExactly(80.5, 81.0);
        assertThat(jdbc.sql("SELECT power FROM victron.battery_readings LIMIT 1").query(Double.class).single())
                .isEqualTo(52.0 * 10.0);
        assertThat(events.stream(ReadingsStored.class)).singleElement()
                .satisfies(e -> assertThat(e.battery()).containsExactlyElementsOf(readings));
    }

    @Test
    void storesSolarAndDeviceReadingsWithUnknownValuesAsNull() {
        writer.storeSolar(List.of(new SolarReading("home", now, 3200, 500, -100, 2600, 75)));
        writer.storeDevices(List.of(
                new DevicePowerReading("miner-1", now, true, true, 1398.2, 236.2, 5.93, 1234.5),
                new DevicePowerReading("miner-2", now, false, null, null, null, null, null)));

        assertThat(jdbc.sql("SELECT grid_power FROM solark.flow_readings").query(Double.class).single()).isEqualTo(-100);
        var offline = jdbc.sql("SELECT online, relay_on, power FROM shelly.power_readings WHERE device = 'miner-2'")
                .query().singleRow();
        assertThat(offline).containsEntry("online", false).containsEntry("relay_on", null).containsEntry("power", null);
        assertThat(events.stream(ReadingsStored.class)).hasSize(2);
    }

    @Test
    void rejectsBadReadingsWithAReasonCountsThemAndStoresTheRest() {
        var good = battery(now.minusSeconds(30), 50);
        var batch = new ArrayList<BatteryReading>();
        batch.add(good);
        batch.add(battery(now.minusSeconds(20), Double.NaN));
        batch.add(battery(now.minusSeconds(10), 101));
        batch.add(battery(now.minusSeconds(5), -1));
        batch.add(battery(now.plus(1, ChronoUnit.HOURS), 60));
        batch.add(new BatteryReading(null, now, 50, 52, 10, null));
        batch.add(new BatteryReading("home", null, 50, 52, 10, null));
        batch.add(new BatteryReading("home", now, 50, Double.POSITIVE_INFINITY, 10, null));
        batch.add(null);

        var result = writer.storeBattery(batch);

        assertThat(result.stored()).isEqualTo(1);
        assertThat(result.rejected()).isEqualTo(8);
        assertThat(jdbc.sql("SELECT count(*) FROM victron.battery_readings").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT reason FROM system.rejected_readings WHERE source = 'victron' ORDER BY id")
                .query(String.class).list())
                .satisfiesExactly(
                        r -> assertThat(r).contains("soc is not a number"),
                        r -> assertThat(r).contains("soc 101.0 is outside 0..100"),
                        r -> assertThat(r).contains("soc -1.0 is outside 0..100"),
                        r -> assertThat(r).contains("in the future"),
                        r -> assertThat(r).isEqualTo("missing site"),
                        r -> assertThat(r).isEqualTo("missing timestamp"),
                        r -> assertThat(r).contains("voltage is not a number"),
                        r -> assertThat(r).isEqualTo("missing reading"));
        assertThat(events.stream(ReadingsStored.class)).singleElement()
                .satisfies(e -> assertThat(e.battery()).containsExactly(good));
        assertThat(counted("readings_stored.victron")).isEqualTo(1);
        assertThat(counted("readings_rejected.victron")).isEqualTo(8);
    }

    @Test
    void rejectsNegativePvAndMissingDeviceNames() {
        var solar = writer.storeSolar(List.of(new SolarReading("home", now, -5, 0, 0, 100, 50)));
        var devices = writer.storeDevices(List.of(
                new DevicePowerReading(" ", now, true, true, 10.0, 230.0, 0.1, 1.0),
                new DevicePowerReading("miner-1", now, true, true, Double.NaN, 230.0, 0.1, 1.0)));

        assertThat(solar.rejections()).singleElement().asString().contains("pvPower -5.0 is negative");
        assertThat(devices.rejected()).isEqualTo(2);
        assertThat(jdbc.sql("SELECT count(*) FROM system.rejected_readings").query(Long.class).single()).isEqualTo(3);
        assertThat(jdbc.sql("SELECT count(*) FROM shelly.power_readings").query(Long.class).single()).isZero();
        assertThat(events.stream(ReadingsStored.class)).isEmpty();
    }

    @Test
    void skipsDuplicatesWithoutBreakingTheBatch() {
        var first = device("miner-1", now.minusSeconds(60), 100);
        writer.storeDevices(List.of(first));
        events.clear();

        var later = device("miner-1", now, 120);
        var result = writer.storeDevices(List.of(first, later, later, device("miner-2", now, 50)));

        assertThat(result.stored()).isEqualTo(2);
        assertThat(result.rejections()).isEmpty();
        assertThat(jdbc.sql("SELECT count(*) FROM shelly.power_readings").query(Long.class).single()).isEqualTo(3);
        assertThat(events.stream(ReadingsStored.class)).singleElement()
                .satisfies(e -> assertThat(e.devices()).extracting(DevicePowerReading::device)
                        .containsExactly("miner-1", "miner-2"));
        assertThat(counted("readings_duplicate.shelly")).isEqualTo(2);
        assertThat(counted("readings_stored.shelly")).isEqualTo(3);
    }

    @Test
    void storesReadingsForDaysWithoutAPartitionInTheDefaultPartition() {
        Instant old = now.minus(20, ChronoUnit.DAYS);

        writer.storeDevices(List.of(device("miner-1", old, 10)));

        assertThat(jdbc.sql("SELECT count(*) FROM shelly.power_readings_default").query(Long.class).single())
                .isEqualTo(1);
    }

    @Test
    void recordsPerMinuteMetricsAndDatabaseSize(@Autowired TimeseriesMaintenance maintenance) {
        maintenance.recordMetrics(now); // what earlier tests stored
        jdbc.sql("TRUNCATE system.system_metrics").update();
        writer.storeDevices(List.of(device("miner-1", now, 10), device("miner-2", now, 20)));

        maintenance.recordMetrics(now);

        // The scheduled job may have recorded part of it a minute earlier: the sum is what counts.
        assertThat(jdbc.sql("SELECT sum(value) FROM system.system_metrics WHERE name = 'readings_stored.shelly'")
                .query(Double.class).single()).isEqualTo(2.0);
        assertThat(jdbc.sql("SELECT value FROM system.system_metrics WHERE name = 'database_size_bytes'")
                .query(Double.class).single()).isPositive();
    }

    private long counted(String name) {
        return counters.total(name) - countedBefore.getOrDefault(name, 0L);
    }

    static BatteryReading battery(Instant at, double soc) {
        return new BatteryReading("home", at, soc, 52.0, 10.0, 21.5);
    }

    static DevicePowerReading device(String name, Instant at, double watts) {
        return new DevicePowerReading(name, at, true, true, watts, 230.0, watts / 230.0, 1000.0);
    }
}
