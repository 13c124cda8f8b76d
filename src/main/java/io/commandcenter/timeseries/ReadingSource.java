package io.commandcenter.timeseries;

import java.util.Locale;

/** A device cloud whose readings are stored, with its raw table and the column naming the series. */
public enum ReadingSource {
    VICTRON("victron.battery_readings", "site"),
    SOLARK("solark.flow_readings", "site"),
    SHELLY("shelly.power_readings", "device");

    private final String table;
    private final String keyColumn;

    ReadingSource(String table, String keyColumn) {
        this.table = table;
        this.keyColumn = keyColumn;
    }

    String table() {
        return table;
    }

    String keyColumn() {
        return keyColumn;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** Parses "victron", "solark" or "shelly"; anything else is a bad request. */
    public static ReadingSource parse(String value) {
        for (ReadingSource s : values()) {
            if (s.id().equalsIgnoreCase(value)) {
                return s;
            }
        }
        throw new QueryRejected("unknown-source",
                "Unknown source '" + value + "': use victron, solark or shelly");
    }
}
