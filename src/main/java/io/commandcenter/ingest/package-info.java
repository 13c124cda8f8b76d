/**
 * Reading the site from the device clouds: one folder per cloud (Victron VRM, Shelly Cloud, SolArk) with its
 * properties, pure payload parsing, a resilient HTTP client and a poller that hands readings to
 * {@link io.commandcenter.timeseries.ReadingWriter}. Every poll is logged; {@link io.commandcenter.ingest.PollingHealth}
 * answers how healthy each source is and raises an alert when one goes quiet. Shared plumbing lives in
 * {@code internal} and is not for other features.
 */
package io.commandcenter.ingest;
