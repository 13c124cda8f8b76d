package io.commandcenter.ingest;

import java.time.Instant;

/**
 * A source has had no successful poll for {@code commandcenter.ingest.alert-after}: published by each health check
 * while it stays so, for whoever tells the owner (who decides how often to repeat it). The one detector of quiet
 * sources is {@link PollingHealth#checkAlerts()}.
 *
 * @param lastSuccess the last successful poll, null when none since the platform started
 */
public record SourceWentQuiet(PollSource source, Instant lastSuccess, String message, Instant at) {
}
