package io.commandcenter.ingest.openmeteo;

import java.net.URI;
import java.time.Duration;

import io.commandcenter.ingest.CallSettings;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Positive;
import org.hibernate.validator.constraints.time.DurationMin;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * The solar forecast ({@code COMMANDCENTER_FORECAST_*}): Open-Meteo for the site's position and the PV array. Without
 * latitude, longitude and the array's size it stays off, unless the embedded simulator runs (its weather, its array).
 *
 * @param baseUrl        API root, {@code https://api.open-meteo.com} (keyless; a self-hosted Open-Meteo works too)
 * @param latitude       the site, decimal degrees north
 * @param longitude      the site, decimal degrees east
 * @param kwp            the array's peak power, kW
 * @param tilt           panel tilt, degrees from horizontal
 * @param azimuth        panel direction, Open-Meteo's convention: 0 south, -90 east, 90 west (north: 180)
 * @param losses         system losses, 0..1 (wiring, inverter, soiling)
 * @param temperatureCoefficient PV power change per °C above 25 °C cell temperature
 * @param forecastDays   how many days ahead to fetch, 1..16
 * @param pollInterval   time between fetches; empty means an hour (a minute on the simulator). Open-Meteo updates
 *                       its models every few hours, so more often gains nothing.
 * @param rateLimit      requests per {@code ratePeriod} (the free API allows 600 a minute, 10,000 a day)
 * @param ratePeriod     the rate-limit window
 * @param call           timeouts, retries and circuit breaker
 */
@ConfigurationProperties("commandcenter.forecast")
@Validated
record ForecastProperties(
        @DefaultValue("https://api.open-meteo.com") @NotNull URI baseUrl,
        @DecimalMin("-90") @DecimalMax("90") Double latitude,
        @DecimalMin("-180") @DecimalMax("180") Double longitude,
        @Positive Double kwp,
        @DefaultValue("30") @DecimalMin("0") @DecimalMax("90") double tilt,
        @DefaultValue("0") @DecimalMin("-180") @DecimalMax("180") double azimuth,
        @DefaultValue("0.14") @DecimalMin("0") @DecimalMax(value = "1", inclusive = false) double losses,
        @DefaultValue("-0.004") @DecimalMin("-0.02") @DecimalMax("0") double temperatureCoefficient,
        @DefaultValue("3") @Min(1) @Max(16) int forecastDays,
        @DurationMin(inclusive = false) Duration pollInterval,
        @DefaultValue("10") @Positive int rateLimit,
        @DefaultValue("1m") @NotNull @DurationMin(inclusive = false) Duration ratePeriod,
        @DefaultValue @NotNull @Valid CallSettings call) {

    boolean located() {
        return latitude != null && longitude != null;
    }

    SolarArray array(double peakKw) {
        return new SolarArray(peakKw, tilt, azimuth, losses, temperatureCoefficient);
    }
}
