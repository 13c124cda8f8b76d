package io.commandcenter.ingest;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import io.commandcenter.navigation.NavPage;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * How the platform itself is doing: each cloud poller, open and recent alerts, and the database size.
 * Reads {@link PollingHealth}; refreshes every 10 seconds.
 */
@Controller
class HealthPageController {

    private final PollingHealth polling;
    private final JdbcClient jdbc;
    private final Clock clock;

    HealthPageController(PollingHealth polling, JdbcClient jdbc, Clock clock) {
        this.polling = polling;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    @Bean
    static NavPage healthNavPage() {
        return new NavPage("/health", "Health", 60);
    }

    /** A poller as a table row, with "how long ago" worked out for people. */
    record PollerRow(SourceHealth health, String lastSuccessAgo, String lastErrorAgo) {
    }

    record Report(List<PollerRow> pollers, List<PollAlert> openAlerts, List<PollAlert> recentAlerts,
                  long databaseBytes, double degradedBelow, Instant at) {
    }

    @GetMapping("/health")
    String showHealth(Model model) {
        model.addAttribute("report", report());
        return "health/health";
    }

    @GetMapping("/health/panel")
    String refreshHealth(Model model) {
        model.addAttribute("report", report());
        return "health/health :: panel";
    }

    private Report report() {
        Instant now = clock.instant();
        List<PollerRow> rows = polling.sources().stream()
                .map(h -> new PollerRow(h, ago(h.lastSuccess(), now),
                        h.lastError() == null ? null : ago(h.lastError().at(), now)))
                .toList();
        long bytes = jdbc.sql("SELECT pg_database_size(current_database())").query(Long.class).single();
        return new Report(rows, polling.openAlerts(), polling.recentAlerts(20), bytes, polling.degradedBelow(), now);
    }

    static String ago(Instant at, Instant now) {
        if (at == null) {
            return "never";
        }
        long s = Math.max(0, Duration.between(at, now).toSeconds());
        if (s < 90) {
            return s + " s ago";
        }
        if (s < 90 * 60) {
            return (s / 60) + " min ago";
        }
        if (s < 48 * 3600) {
            return (s / 3600) + " h ago";
        }
        return (s / 86400) + " days ago";
    }
}
