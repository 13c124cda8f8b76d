package io.commandcenter.testmode;

import java.time.Instant;
import java.util.UUID;

/**
 * A run started over REST, as {@code GET /simulations/{id}} shows it.
 *
 * @param progress       0..1
 * @param request        the request as stored (JSON text)
 * @param violationCount set when done
 * @param wallMillis     how long the run took, set when done
 */
public record SimulationRun(UUID id, String kind, Status status, double progress, String request, String error,
                            Integer violationCount, Long wallMillis, Instant createdAt, Instant startedAt,
                            Instant finishedAt) {

    public enum Status { QUEUED, RUNNING, DONE, FAILED }

    SimulationRun withProgress(double p) {
        return new SimulationRun(id, kind, status, p, request, error, violationCount, wallMillis, createdAt, startedAt,
                finishedAt);
    }
}
