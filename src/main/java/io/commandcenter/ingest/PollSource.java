package io.commandcenter.ingest;

/**
 * A cloud the site is read from; the lower-case name is what {@code system.poll_log.source} holds. The forecast
 * (Open-Meteo) is keyless: it has no account on the setup page.
 */
public enum PollSource {
    VICTRON, SHELLY, SOLARK, FORECAST;

    /** Whether the source is read with an account of the site owner's (the setup page's cards). */
    public boolean hasAccount() {
        return this != FORECAST;
    }

    public String key() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static PollSource of(String key) {
        return valueOf(key.toUpperCase(java.util.Locale.ROOT));
    }
}
