package io.commandcenter.validation;

import java.time.Duration;

/** The limits the APIs share (docs/security.md). */
public final class Limits {

    /** Names: devices, tables, tokens, scenarios. */
    public static final int NAME = 64;
    /** Reasons, descriptions, free text on a command or lock. */
    public static final int REASON = 500;
    /** A question to the agents. */
    public static final int QUESTION = 4000;
    /** Largest request body in bytes. */
    public static final long BODY_BYTES = 1024 * 1024;
    /** Largest absolute power in watts. */
    public static final double WATTS = 100_000;
    public static final double VOLTS = 1000;
    public static final double AMPS = 2000;
    public static final int PRIORITY = 1000;
    public static final int CHANNEL = 15;
    /** Paging: 1 to this many rows. */
    public static final int PAGE = 1000;
    /** Raw readings are kept this long; a reading or raw window may not reach further back. */
    public static final Duration RAW_RETENTION = Duration.ofHours(72);
    /** A timestamp may be this far in the future (clock skew). */
    public static final Duration CLOCK_SKEW = Duration.ofMinutes(5);
    public static final Duration CHART_MIN = Duration.ofHours(1);
    public static final Duration CHART_MAX = Duration.ofDays(2 * 366);
    public static final int SIMULATION_DAYS = 400;
    /** A rule file name. */
    public static final String RULE_FILE = "[a-z0-9-]+\\.drl";

    private Limits() {
    }
}
