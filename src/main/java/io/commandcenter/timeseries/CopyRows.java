package io.commandcenter.timeseries;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** Builds the body of a PostgreSQL {@code COPY ... FROM STDIN} in text format, one row per line. */
final class CopyRows {

    private final StringBuilder out;
    private boolean rowStarted;

    CopyRows(int expectedRows) {
        out = new StringBuilder(Math.max(64, expectedRows * 96));
    }

    CopyRows text(String value) {
        separator();
        if (value == null) {
            out.append("\\N");
            return this;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
        return this;
    }

    CopyRows time(Instant at) {
        separator();
        out.append(at); // ISO-8601 with Z, which timestamptz accepts
        return this;
    }

    CopyRows number(double value) {
        separator();
        out.append(value);
        return this;
    }

    CopyRows number(Double value) {
        return value == null ? text(null) : number(value.doubleValue());
    }

    CopyRows flag(Boolean value) {
        separator();
        out.append(value == null ? "\\N" : value ? "t" : "f");
        return this;
    }

    CopyRows endRow() {
        out.append('\n');
        rowStarted = false;
        return this;
    }

    byte[] bytes() {
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    private void separator() {
        if (rowStarted) {
            out.append('\t');
        }
        rowStarted = true;
    }
}
