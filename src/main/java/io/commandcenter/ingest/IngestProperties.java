package io.commandcenter.ingest;

import java.time.Duration;

import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotNull;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Polling as a whole ({@code COMMANDCENTER_INGEST_*}); each cloud has its own properties.
 *
 * @param schedule        run the pollers and the health check on their schedules (tests turn this off and poll by
 *                        hand); also runs the simulator's first-run device discovery
 * @param alertAfter      raise an alert when a source has had no successful poll for this long
 * @param healthCheckEvery how often the alert check runs
 * @param gapWindow       how far back {@code /health/polling} looks for data gaps
 * @param degradedBelow   a source whose share of successful polls in the last hour is below this (0..1) is shown
 *                        degraded: it fails intermittently, though never long enough for the alert
 */
@ConfigurationProperties("commandcenter.ingest")
@Validated
record IngestProperties(
        @DefaultValue("true") boolean schedule,
        @DefaultValue("10m") @NotNull @DurationMin(inclusive = false) Duration alertAfter,
        @DefaultValue("30s") @NotNull @DurationMin(inclusive = false) Duration healthCheckEvery,
        @DefaultValue("24h") @NotNull @DurationMin(inclusive = false) Duration gapWindow,
        @DefaultValue("0.9") @DecimalMin("0") @DecimalMax("1") double degradedBelow) {
}
