package io.commandcenter.ingest;

import java.time.Clock;
import java.time.Instant;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** {@code GET /api/v1/health/polling}: per source interval, last success and error, success rates, open alerts, gaps. */
@RestController
class PollingHealthController {

    private final PollingHealth health;
    private final Clock clock;

    PollingHealthController(PollingHealth health, Clock clock) {
        this.health = health;
        this.clock = clock;
    }

    @GetMapping({"/health/polling", "/api/v1/health/polling"})
    PollingReport polling() {
        return new PollingReport(clock.instant(), health.sources());
    }

    /** "Test connection" on the setup page: what the configured account sees. Admins only (security config). */
    @PostMapping("/setup/connections/{source}")
    ConnectionCheck checkConnection(@PathVariable PollSource source) {
        return health.checkConnection(source);
    }

    record PollingReport(Instant at, List<SourceHealth> sources) {
    }
}
