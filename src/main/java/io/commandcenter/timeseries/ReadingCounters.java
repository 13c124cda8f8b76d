package io.commandcenter.timeseries;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts readings stored, rejected and skipped as duplicates per source since the last
 * snapshot; the maintenance job writes the snapshot into {@code system.system_metrics} every minute.
 */
final class ReadingCounters {

    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();

    ReadingCounters() {
        // Every series exists from the start so a quiet minute is recorded as 0, not missing.
        for (Source s : Source.values()) {
            for (String what : new String[] {"stored", "rejected", "duplicate"}) {
                counters.put(name(s, what), new LongAdder());
            }
        }
    }

    void add(Source source, String what, long count) {
        if (count > 0) {
            counters.computeIfAbsent(name(source, what), k -> new LongAdder()).add(count);
        }
    }

    /** Current counts, resetting them to zero. */
    Map<String, Long> takeSnapshot() {
        Map<String, Long> snapshot = new TreeMap<>();
        counters.forEach((name, adder) -> snapshot.put(name, adder.sumThenReset()));
        return snapshot;
    }

    private static String name(Source source, String what) {
        return "readings_" + what + "." + source.id();
    }
}
