package io.commandcenter.timeseries;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * Running totals of readings stored, rejected and skipped as duplicates per source since start.
 * The maintenance job writes the change since its last look into {@code system.system_metrics}
 * every minute; totals never reset, so anyone may read them at any time.
 */
final class ReadingCounters {

    private final Map<String, LongAdder> totals = new ConcurrentHashMap<>();

    ReadingCounters() {
        // Every series exists from the start so a quiet minute is recorded as 0, not missing.
        for (ReadingSource s : ReadingSource.values()) {
            for (String what : new String[] {"stored", "rejected", "duplicate"}) {
                totals.put(name(s, what), new LongAdder());
            }
        }
    }

    void add(ReadingSource source, String what, long count) {
        if (count > 0) {
            totals.computeIfAbsent(name(source, what), k -> new LongAdder()).add(count);
        }
    }

    long total(String name) {
        LongAdder adder = totals.get(name);
        return adder == null ? 0 : adder.sum();
    }

    Map<String, Long> totals() {
        Map<String, Long> snapshot = new TreeMap<>();
        totals.forEach((name, adder) -> snapshot.put(name, adder.sum()));
        return snapshot;
    }

    private static String name(ReadingSource source, String what) {
        return "readings_" + what + "." + source.id();
    }
}
