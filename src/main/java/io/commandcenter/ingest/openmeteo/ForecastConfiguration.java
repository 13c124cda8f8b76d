package io.commandcenter.ingest.openmeteo;

import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

import io.commandcenter.ingest.StandInClouds;
import io.commandcenter.ingest.internal.SiteIdentity;
import io.commandcenter.ingest.internal.SourcePoller;
import io.commandcenter.timeseries.PvForecasts;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The forecast from the configured position and array; else, with the embedded simulator running, from the
 * simulator's Open-Meteo and its array (its losses undone, so the estimate meets the simulated peak); else off.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ForecastProperties.class)
class ForecastConfiguration {

    private static final Duration DEFAULT_INTERVAL = Duration.ofHours(1);

    @Bean
    SourcePoller forecastPoller(ForecastProperties properties, ObjectProvider<StandInClouds> standIns,
                                PvForecasts forecasts, SiteIdentity site, Clock clock) {
        StandInClouds standIn = standIns.getIfAvailable();
        if (properties.located() && properties.kwp() != null) {
            var client = new OpenMeteoClient(properties.baseUrl(), properties.call(), properties.rateLimit(),
                    properties.ratePeriod(), clock);
            return new ForecastPoller(client, forecasts, site.id(), properties.latitude(), properties.longitude(),
                    properties.array(properties.kwp()), properties.forecastDays(),
                    Objects.requireNonNullElse(properties.pollInterval(), DEFAULT_INTERVAL),
                    "Open-Meteo " + properties.baseUrl(), null);
        }
        if (standIn != null) {
            var client = new OpenMeteoClient(standIn.forecast(), properties.call(), properties.rateLimit(),
                    properties.ratePeriod(), clock);
            double kwp = properties.kwp() != null ? properties.kwp() : standIn.pvPeakKw() / (1 - properties.losses());
            return new ForecastPoller(client, forecasts, site.id(),
                    properties.latitude() != null ? properties.latitude() : 0,
                    properties.longitude() != null ? properties.longitude() : 0, properties.array(kwp),
                    properties.forecastDays(), standIn.interval(properties.pollInterval(), DEFAULT_INTERVAL),
                    "simulator", standIn.cloudTime());
        }
        return ForecastPoller.off("not configured: set COMMANDCENTER_FORECAST_LATITUDE, _LONGITUDE and _KWP"
                + " (the array's peak power) to fetch the solar forecast");
    }
}
