package io.commandcenter.agent;

import java.time.Clock;
import java.time.Instant;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;

/**
 * The language model's part of /actuator/health ("model"): DEGRADED while the last question to the
 * model failed, UP otherwise (offline mode, no model configured, is UP too). Never DOWN: without the
 * model the site runs on and the offline router still answers.
 */
class ModelHealth implements HealthIndicator {

    static final Status DEGRADED = new Status("DEGRADED", "running without this component");

    private final boolean configured;
    private final Clock clock;
    private volatile Instant lastSuccess;
    private volatile Instant lastFailure;
    private volatile String lastError;

    ModelHealth(boolean configured, Clock clock) {
        this.configured = configured;
        this.clock = clock;
    }

    void succeeded() {
        lastSuccess = clock.instant();
        lastFailure = null;
        lastError = null;
    }

    void failed(Exception e) {
        lastFailure = clock.instant();
        lastError = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    @Override
    public Health health() {
        if (!configured) {
            return Health.up().withDetail("configured", false).withDetail("mode", "offline router").build();
        }
        Instant failure = lastFailure;
        Health.Builder health = failure == null ? Health.up() : Health.status(DEGRADED)
                .withDetail("lastFailure", failure.toString()).withDetail("error", String.valueOf(lastError));
        health.withDetail("configured", true);
        if (lastSuccess != null) {
            health.withDetail("lastSuccess", lastSuccess.toString());
        }
        return health.build();
    }
}
