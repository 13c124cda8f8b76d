package io.commandcenter.timeseries;

/** Published after a solar forecast was committed; {@code forecast} holds only the hours that were stored. */
public record ForecastStored(PvForecast forecast) {
}
