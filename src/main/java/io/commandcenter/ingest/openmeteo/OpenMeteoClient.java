package io.commandcenter.ingest.openmeteo;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

import io.commandcenter.ingest.CallSettings;
import io.commandcenter.ingest.internal.CloudCall;
import io.commandcenter.ingest.internal.CloudHttp;

/**
 * Open-Meteo's forecast API ({@code GET /v1/forecast}, keyless): hourly irradiance on the array's plane, cloud cover
 * and air temperature, in UTC, for the next days. Retries, backoff and the circuit are the other clouds' (CloudCall).
 */
final class OpenMeteoClient {

    private final CloudHttp http;
    private final CloudCall call;

    OpenMeteoClient(URI baseUrl, CallSettings settings, int rateLimit, Duration ratePeriod, Clock clock) {
        this.http = new CloudHttp(baseUrl, settings, clock);
        this.call = new CloudCall("forecast", settings, rateLimit, ratePeriod, settings.readTimeout());
    }

    List<OpenMeteoPayloads.Hourly> forecast(double latitude, double longitude, SolarArray array, int days) {
        String path = String.format(Locale.ROOT, "/v1/forecast?latitude=%.4f&longitude=%.4f&hourly=%s,%s,%s"
                        + "&tilt=%.1f&azimuth=%.1f&timezone=UTC&forecast_days=%d", latitude, longitude,
                OpenMeteoPayloads.IRRADIANCE, OpenMeteoPayloads.CLOUD_COVER, OpenMeteoPayloads.TEMPERATURE,
                array.tilt(), array.azimuth(), days);
        return call.run(() -> OpenMeteoPayloads.hourly(http.get(path, headers -> { })));
    }
}
