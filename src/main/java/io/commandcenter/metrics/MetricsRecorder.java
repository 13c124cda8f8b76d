package io.commandcenter.metrics;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every minute, the platform's meters into {@code system.system_metrics}: a counter as what it counted in that
 * minute, a gauge as its value; the tags as the row's metadata and in its name ("commandcenter.commands.failed.
 * automation"), so each series is one name. Retention is the system tables' (timeseries maintenance).
 */
@Component
class MetricsRecorder {

    private static final Log log = LogFactory.getLog(MetricsRecorder.class);

    private final MeterRegistry registry;
    private final JdbcClient jdbc;
    private final JsonMapper json;
    private final Clock clock;
    private final Map<String, Double> lastTotals = new HashMap<>();

    MetricsRecorder(MeterRegistry registry, JdbcClient jdbc, JsonMapper json, Clock clock) {
        this.registry = registry;
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    @Scheduled(cron = "${commandcenter.metrics.store-cron:5 * * * * *}")
    void everyMinute() {
        try {
            store(clock.instant().truncatedTo(ChronoUnit.MINUTES));
        } catch (RuntimeException e) {
            log.warn("Could not store the metrics: " + e.getMessage());
        }
    }

    /** Stores this minute's values; returns how many series were written. */
    synchronized int store(Instant minute) {
        int written = 0;
        for (Meter meter : registry.getMeters()) {
            String base = meter.getId().getName();
            if (!base.startsWith("commandcenter.")) {
                continue;
            }
            Map<String, String> tags = new TreeMap<>();
            for (Tag t : meter.getId().getTags()) {
                tags.put(t.getKey(), t.getValue());
            }
            String name = base + tags.values().stream().map(v -> "." + v.toLowerCase(java.util.Locale.ROOT))
                    .reduce("", String::concat);
            double value;
            if (meter instanceof Counter c) {
                double total = c.count();
                value = total - lastTotals.getOrDefault(name, 0.0);
                lastTotals.put(name, total);
            } else if (meter instanceof Gauge g) {
                value = g.value();
            } else {
                continue; // timers are scraped, not stored
            }
            // A counter's minute adds up if the minute is stored twice; a gauge keeps its latest value.
            String update = meter instanceof Counter ? "system.system_metrics.value + EXCLUDED.value" : "EXCLUDED.value";
            jdbc.sql("INSERT INTO system.system_metrics (name, at, value, metadata)"
                            + " VALUES (:name, :at, :value, CAST(:meta AS jsonb))"
                            + " ON CONFLICT (name, at) DO UPDATE SET value = " + update + ", metadata = EXCLUDED.metadata")
                    .param("name", name).param("at", Timestamp.from(minute)).param("value", value)
                    .param("meta", json.writeValueAsString(tags)).update();
            written++;
        }
        return written;
    }
}
