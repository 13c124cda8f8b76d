package io.commandcenter.timeseries;

import java.time.Duration;

import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Storage settings.
 *
 * @param rawRetention        how long raw readings are kept; whole daily partitions are dropped
 *                            once they end before now minus this
 * @param hourlyRetention     how long hourly aggregates are kept
 * @param dailyRetention      how long daily aggregates are kept
 * @param partitionsAhead     how many daily partitions exist ahead of today
 * @param futureSkew          how far in the future a reading's timestamp may be (clock drift)
 * @param energyMaxGap        longest span between two samples that energy is integrated over;
 *                            a longer gap is unknown, not zero
 * @param reaggregateWindow   completed hours this far back are rolled up again on every run,
 *                            so late readings reach the aggregates
 * @param maintenanceInterval how often partitions, aggregates and retention are maintained
 * @param systemRetention     how long rejected readings and system metrics are kept
 */
@ConfigurationProperties("commandcenter.timeseries")
@Validated
record TimeseriesProperties(
        @DefaultValue("72h") @NotNull @DurationMin(inclusive = false) Duration rawRetention,
        @DefaultValue("30d") @NotNull @DurationMin(inclusive = false) Duration hourlyRetention,
        @DefaultValue("730d") @NotNull @DurationMin(inclusive = false) Duration dailyRetention,
        // at least tomorrow's, so readings just after midnight have a partition before maintenance runs
        @DefaultValue("3") @Positive int partitionsAhead,
        @DefaultValue("2m") @NotNull @DurationMin Duration futureSkew,
        @DefaultValue("15m") @NotNull @DurationMin(inclusive = false) Duration energyMaxGap,
        @DefaultValue("6h") @NotNull @DurationMin Duration reaggregateWindow,
        @DefaultValue("5m") @NotNull @DurationMin(inclusive = false) Duration maintenanceInterval,
        @DefaultValue("30d") @NotNull @DurationMin(inclusive = false) Duration systemRetention) {

    /** The defaults, for the benchmark which runs without Spring. */
    static TimeseriesProperties defaults() {
        return new TimeseriesProperties(Duration.ofHours(72), Duration.ofDays(30), Duration.ofDays(730), 3,
                Duration.ofMinutes(2), Duration.ofMinutes(15), Duration.ofHours(6), Duration.ofMinutes(5),
                Duration.ofDays(30));
    }
}
