/**
 * Time series of site readings: the only module that writes readings. It validates and stores
 * battery, inverter and relay readings in daily-partitioned PostgreSQL tables (COPY, in batches),
 * rolls them up into hourly and daily aggregates, enforces retention, and publishes
 * {@link io.commandcenter.timeseries.ReadingsStored} after each committed batch.
 * Other features read through {@link io.commandcenter.timeseries.TimeseriesQueries}.
 */
package io.commandcenter.timeseries;
