package io.commandcenter.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /health/polling}: per source interval, last success and error, success rates, open alerts, gaps. */
@RestController
class PollingHealthController {

    private final PollingHealth health;
    private final Clock clock;

    PollingHealthController(PollingHealth health, Clock clock) {
        this.health = health;
        this.clock = clock;
    }

    @GetMapping("/health/polling")
    PollingReport polling() {
        return new PollingReport(clock.instant(), health.sources());
    }

    record PollingReport(Instant at, List<SourceHealth> sources) {
    }
}
