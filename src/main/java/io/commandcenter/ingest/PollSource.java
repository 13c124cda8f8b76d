package io.commandcenter.ingest;

/** A cloud the site is read from; the lower-case name is what {@code system.poll_log.source} holds. */
public enum PollSource {
    VICTRON, SHELLY, SOLARK;

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static PollSource of(String key) {
        return valueOf(key.toUpperCase(java.util.Locale.ROOT));
    }
}
