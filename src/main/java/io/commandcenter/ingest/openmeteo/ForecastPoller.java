package io.commandcenter.ingest.openmeteo;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.Supplier;

import io.commandcenter.ingest.ConnectionCheck;
import io.commandcenter.ingest.CloudException;
import io.commandcenter.ingest.PollSource;
import io.commandcenter.ingest.internal.PollResult;
import io.commandcenter.ingest.internal.SourcePoller;
import io.commandcenter.timeseries.PvForecast;
import io.commandcenter.timeseries.PvForecasts;

/**
 * Fetches the solar forecast (hourly by default) and stores it as one issue: per hour the irradiance, cloud cover,
 * temperature and the PV power the array is expected to give. Polled, timed, logged and watched for going quiet like
 * every other source.
 */
final class ForecastPoller extends SourcePoller {

    private final OpenMeteoClient client;
    private final PvForecasts forecasts;
    private final String site;
    private final double latitude;
    private final double longitude;
    private final SolarArray array;
    private final int days;
    private final Supplier<Instant> cloudTime;

    /**
     * @param cloudTime the stand-in cloud's time when it is not ours (the simulator's runs faster), else null: its
     *                  forecast is then moved to our day, whole hours, so "the next 12 hours" means ours
     */
    ForecastPoller(OpenMeteoClient client, PvForecasts forecasts, String site, double latitude, double longitude,
                   SolarArray array, int days, Duration interval, String origin, Supplier<Instant> cloudTime) {
        super(PollSource.FORECAST, interval, origin);
        this.cloudTime = cloudTime;
        this.client = client;
        this.forecasts = forecasts;
        this.site = site;
        this.latitude = latitude;
        this.longitude = longitude;
        this.array = array;
        this.days = days;
    }

    /** A poller that is never scheduled, saying why. */
    static ForecastPoller off(String why) {
        return new ForecastPoller(null, null, null, 0, 0, null, 1, Duration.ofHours(1), why, null);
    }

    @Override
    public boolean enabled() {
        return client != null;
    }

    @Override
    public ConnectionCheck checkConnection() {
        if (client == null) {
            return super.checkConnection();
        }
        try {
            List<OpenMeteoPayloads.Hourly> hours = client.forecast(latitude, longitude, array, 1);
            return new ConnectionCheck(source(), true, origin(), List.of(hours.size() + " forecast hours for "
                    + latitude + ", " + longitude));
        } catch (CloudException e) {
            return ConnectionCheck.failed(source(), e.getMessage());
        }
    }

    @Override
    public PollResult poll(Instant now) {
        Duration shift = cloudTime == null ? Duration.ZERO
                : Duration.ofHours(Math.round(Duration.between(cloudTime.get(), now).toMinutes() / 60.0));
        List<PvForecast.Hour> hours = client.forecast(latitude, longitude, array, days).stream()
                .map(h -> new PvForecast.Hour(h.endsAt().plus(shift), h.irradiance(), h.cloudCover(), h.temperature(),
                        Math.round(array.expectedWatts(h.irradiance(), h.temperature()) * 10) / 10.0))
                .toList();
        if (hours.isEmpty()) {
            return PollResult.failed("Open-Meteo sent no forecast hour with values");
        }
        return PollResult.of(forecasts.store(new PvForecast(site, now, origin(), hours)));
    }
}
