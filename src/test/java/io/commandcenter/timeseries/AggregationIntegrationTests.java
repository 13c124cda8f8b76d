package io.commandcenter.timeseries;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;

import io.commandcenter.IntegrationTest;
import io.commandcenter.timeseries.Aggregator.Table;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Roll-ups from readings stored at chosen times. Energy is the trapezoid rule, split at hour edges. */
@IntegrationTest
class AggregationIntegrationTests {

    @Autowired ReadingWriter writer;
    @Autowired Aggregator aggregator;
    @Autowired TimeseriesMaintenance maintenance;
    @Autowired Partitions partitions;
    @Autowired JdbcClient jdbc;

    /** An hour two hours back: completed, and within raw retention. */
    final Instant hour = Instant.now().truncatedTo(ChronoUnit.HOURS).minus(2, ChronoUnit.HOURS);

    @BeforeEach
    void emptyTables() {
        TimeseriesTables.truncate(jdbc);
    }

    @Test
    void rollsDevicePowerIntoHourlyMinAvgMaxAndTrapezoidEnergy() {
        writer.storeDevices(List.of(watts(0, 100), watts(10, 200), watts(20, 200), watts(30, 300),
                watts(40, 300), watts(50, 100), watts(60, 100)));

        aggregator.rollUpHours(Table.DEVICE, hour, hour.plus(2, ChronoUnit.HOURS));

        Map<String, Object> row = hourly("shelly.power_hourly", hour);
        assertThat(row).containsEntry("samples", 6).containsEntry("known_samples", 6)
                .containsEntry("power_min", 100.0).containsEntry("power_max", 300.0);
        assertThat((Double) row.get("power_avg")).isCloseTo(200.0, within(1e-9));
        // Trapezoids of 10 minutes: (100+200)/2 + 200 + (200+300)/2 + 300 + (300+100)/2 + 100 = 1200 W x 1/6 h
        assertThat((Double) row.get("energy_wh")).isCloseTo(1200.0 / 6, within(1e-9));
    }

    @Test
    void splitsEnergyExactlyAtHourEdges() {
        // 100 W at 55 min, 300 W at 65 min: linear, so 200 W at the hour edge.
        writer.storeDevices(List.of(watts(55, 100), watts(65, 300)));

        aggregator.rollUpHours(Table.DEVICE, hour, hour.plus(2, ChronoUnit.HOURS));

        assertThat((Double) hourly("shelly.power_hourly", hour).get("energy_wh"))
                .isCloseTo(5.0 / 60 * 150, within(1e-9));
        assertThat((Double) hourly("shelly.power_hourly", hour.plus(1, ChronoUnit.HOURS)).get("energy_wh"))
                .isCloseTo(5.0 / 60 * 250, within(1e-9));
    }

    @Test
    void doesNotIntegrateAcrossGapsLongerThanTheMaximumOrOverUnknownPower() {
        // 20 minutes between the first two readings exceeds the 15-minute default: unknown, not 1000 W.
        writer.storeDevices(List.of(watts(0, 1000), watts(20, 1000), watts(25, 1000),
                new DevicePowerReading("miner-1", hour.plus(30, ChronoUnit.MINUTES), false, null, null, null, null,
                        null)));

        aggregator.rollUpHours(Table.DEVICE, hour, hour.plus(1, ChronoUnit.HOURS));

        Map<String, Object> row = hourly("shelly.power_hourly", hour);
        assertThat(row).containsEntry("samples", 4).containsEntry("known_samples", 3);
        assertThat((Double) row.get("energy_wh")).isCloseTo(1000.0 * 5 / 60, within(1e-9));
    }

    @Test
    void rollsSolarFlowsIntoImportExportChargeAndDischargeEnergy() {
        writer.storeSolar(List.of(
                new SolarReading("home", hour, 1000, 500, 200, 700, 50),
                new SolarReading("home", hour.plus(10, ChronoUnit.MINUTES), 1000, -500, -200, 700, 52)));

        aggregator.rollUpHours(Table.SOLAR, hour, hour.plus(1, ChronoUnit.HOURS));

        Map<String, Object> row = hourly("solark.flow_hourly", hour);
        double tenMinutes = 1.0 / 6;
        assertThat((Double) row.get("pv_wh")).isCloseTo(1000 * tenMinutes, within(1e-9));
        assertThat((Double) row.get("import_wh")).isCloseTo(100 * tenMinutes, within(1e-9));
        assertThat((Double) row.get("export_wh")).isCloseTo(100 * tenMinutes, within(1e-9));
        assertThat((Double) row.get("charge_wh")).isCloseTo(250 * tenMinutes, within(1e-9));
        assertThat((Double) row.get("discharge_wh")).isCloseTo(250 * tenMinutes, within(1e-9));
        assertThat(row).containsEntry("soc_min", 50.0).containsEntry("soc_max", 52.0).containsEntry("samples", 2);
    }

    @Test
    void rollsHoursIntoDaysWithSampleWeightedAverages() {
        Instant day = Instant.now().truncatedTo(ChronoUnit.DAYS).minus(2, ChronoUnit.DAYS);
        insertBatteryHour(day, 3, 40, 50, 60, 100.0);
        insertBatteryHour(day.plus(5, ChronoUnit.HOURS), 1, 80, 90, 95, 20.0);

        aggregator.rollUpDays(Table.BATTERY, day, day.plus(1, ChronoUnit.DAYS));

        Map<String, Object> row = jdbc.sql("SELECT * FROM victron.battery_daily WHERE bucket = :b")
                .param("b", Timestamp.from(day)).query().singleRow();
        assertThat(row).containsEntry("samples", 4).containsEntry("soc_min", 40.0).containsEntry("soc_max", 95.0)
                .containsEntry("charge_wh", 120.0);
        assertThat((Double) row.get("soc_avg")).isCloseTo((3 * 50 + 90) / 4.0, within(1e-9));
    }

    @Test
    void runIsIdempotentAndPicksUpLateReadings() {
        writer.storeBattery(List.of(battery(0, 50), battery(10, 60)));
        Instant now = hour.plus(90, ChronoUnit.MINUTES);

        maintenance.maintain(now);
        maintenance.maintain(now);
        assertThat(hourly("victron.battery_hourly", hour)).containsEntry("samples", 2).containsEntry("soc_max", 60.0);

        writer.storeBattery(List.of(battery(20, 70)));
        maintenance.maintain(now.plus(5, ChronoUnit.MINUTES));

        assertThat(hourly("victron.battery_hourly", hour)).containsEntry("samples", 3).containsEntry("soc_max", 70.0);
        assertThat(jdbc.sql("SELECT count(*) FROM victron.battery_hourly").query(Long.class).single()).isEqualTo(1);
    }

    @Test
    void dropsRawPartitionsAndAggregatesOlderThanRetentionAndKeepsRecentOnes() {
        Instant now = Instant.now();
        Instant old = now.minus(5, ChronoUnit.DAYS);
        partitions.ensure(ReadingSource.SHELLY, Partitions.day(old));
        jdbc.sql("INSERT INTO shelly.power_readings (device, at, online) VALUES ('miner-1', :at, true)")
                .param("at", Timestamp.from(old)).update();
        jdbc.sql("INSERT INTO shelly.power_readings_default (device, at, online) VALUES ('miner-1', :at, true)")
                .param("at", Timestamp.from(now.minus(40, ChronoUnit.DAYS))).update();
        writer.storeDevices(List.of(new DevicePowerReading("miner-1", now.minusSeconds(60), true, true, 5.0, null,
                null, null)));
        jdbc.sql("INSERT INTO shelly.latest_readings (device, at, online) VALUES ('silent-pump', :at, true)")
                .param("at", Timestamp.from(old)).update();
        insertBatteryHour(now.minus(31, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS), 1, 1, 1, 1, 1.0);
        insertBatteryHour(now.minus(29, ChronoUnit.DAYS).truncatedTo(ChronoUnit.HOURS), 1, 1, 1, 1, 1.0);
        insertDailyBattery(now.minus(Duration.ofDays(731)));
        insertDailyBattery(now.minus(Duration.ofDays(700)));

        maintenance.enforceRetention(now);

        assertThat(partitions.existing(ReadingSource.SHELLY)).doesNotContain(Partitions.day(old))
                .contains(Partitions.day(now));
        assertThat(jdbc.sql("SELECT to_regclass(:t) IS NULL").param("t", "shelly.power_readings_p"
                + Partitions.day(old).toString().replace("-", "")).query(Boolean.class).single()).isTrue();
        assertThat(jdbc.sql("SELECT count(*) FROM shelly.power_readings").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT device FROM shelly.latest_readings").query(String.class).list())
                .containsExactly("miner-1");
        assertThat(jdbc.sql("SELECT count(*) FROM victron.battery_hourly").query(Long.class).single()).isEqualTo(1);
        assertThat(jdbc.sql("SELECT count(*) FROM victron.battery_daily").query(Long.class).single()).isEqualTo(1);
    }

    private Map<String, Object> hourly(String table, Instant bucket) {
        return jdbc.sql("SELECT * FROM " + table + " WHERE bucket = :b").param("b", Timestamp.from(bucket))
                .query().singleRow();
    }

    private void insertBatteryHour(Instant bucket, int samples, double min, double avg, double max, double chargeWh) {
        jdbc.sql("""
                INSERT INTO victron.battery_hourly (site, bucket, samples, soc_min, soc_avg, soc_max, charge_wh)
                VALUES ('home', :bucket, :samples, :min, :avg, :max, :charge)
                """).param("bucket", Timestamp.from(bucket)).param("samples", samples).param("min", min)
                .param("avg", avg).param("max", max).param("charge", chargeWh).update();
    }

    private void insertDailyBattery(Instant at) {
        jdbc.sql("INSERT INTO victron.battery_daily (site, bucket, samples) VALUES ('home', :bucket, 1)")
                .param("bucket", Timestamp.from(at.truncatedTo(ChronoUnit.DAYS))).update();
    }

    private DevicePowerReading watts(int minute, double watts) {
        return new DevicePowerReading("miner-1", hour.plus(minute, ChronoUnit.MINUTES), true, true, watts, 230.0,
                watts / 230, null);
    }

    private BatteryReading battery(int minute, double soc) {
        return new BatteryReading("home", hour.plus(minute, ChronoUnit.MINUTES), soc, 52, 10, null);
    }
}
