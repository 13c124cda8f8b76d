package io.commandcenter.sitemodel;

import java.time.Duration;
import java.util.List;

/**
 * What goes wrong, and how often. Set in the scenario file under {@code faults:}, changed at runtime through
 * {@link SiteModel#faults()} (the simulator's {@code POST /_sim/faults} does the same). The model applies the
 * relay and offline faults; the API faults and quirks are applied by the simulator that serves the model over HTTP.
 * Probabilities are per request (per relay command for {@code relayIgnoreProbability}); a missing field means
 * "never".
 *
 * @param vrm                    faults of the Victron VRM API ({@code /vrm})
 * @param shellyCloud            faults of the Shelly Cloud API ({@code /shelly})
 * @param solark                 faults of the SolArk cloud API ({@code /solark})
 * @param shellyLocal            faults of the Shelly local RPC ({@code /shelly-local/{cloudId}})
 * @param openMeteo              faults of the Open-Meteo forecast API ({@code /open-meteo}); a stale answer is the
 *                               forecast issued {@code staleAge} earlier
 * @param relayIgnoreProbability chance that a relay command answers OK but the relay does not switch
 * @param offline                windows in which a device is offline (unreachable, optionally without power)
 * @param quirks                 the real clouds' own ways of failing (see {@link Quirks})
 * @param ignoreCommands         windows in which one relay accepts every command and does not switch
 */
public record Faults(Api vrm, Api shellyCloud, Api solark, Api shellyLocal, Api openMeteo, double relayIgnoreProbability,
                     List<OfflineWindow> offline, Quirks quirks, List<IgnoredCommands> ignoreCommands) {

    /** The real VRM limit is a rolling window; published figures vary, so it is configurable. */
    static final RateLimit VRM_DEFAULT_LIMIT = new RateLimit(200, Duration.ofMinutes(1));
    /** Shelly Cloud allows one request per second per account. */
    static final RateLimit SHELLY_DEFAULT_LIMIT = new RateLimit(1, Duration.ofSeconds(1));

    public Faults {
        vrm = Api.orDefault(vrm, VRM_DEFAULT_LIMIT);
        shellyCloud = Api.orDefault(shellyCloud, SHELLY_DEFAULT_LIMIT);
        solark = Api.orDefault(solark, RateLimit.NONE);
        shellyLocal = Api.orDefault(shellyLocal, RateLimit.NONE);
        openMeteo = Api.orDefault(openMeteo, RateLimit.NONE);
        requireProbability("relayIgnoreProbability", relayIgnoreProbability);
        offline = offline == null ? List.of() : List.copyOf(offline);
        quirks = quirks == null ? Quirks.NONE : quirks;
        ignoreCommands = ignoreCommands == null ? List.of() : List.copyOf(ignoreCommands);
    }

    /** No faults; only the real clouds' default rate limits. */
    public static Faults none() {
        return new Faults(null, null, null, null, null, 0, null, null, null);
    }

    /** No faults and no rate limits at all: convenient for tests that poll fast. */
    public static Faults noneAndUnlimited() {
        return none().withVrm(Api.NONE).withShellyCloud(Api.NONE);
    }

    public Faults withVrm(Api api) {
        return new Faults(api, shellyCloud, solark, shellyLocal, openMeteo, relayIgnoreProbability, offline, quirks,
                ignoreCommands);
    }

    public Faults withShellyCloud(Api api) {
        return new Faults(vrm, api, solark, shellyLocal, openMeteo, relayIgnoreProbability, offline, quirks,
                ignoreCommands);
    }

    public Faults withSolark(Api api) {
        return new Faults(vrm, shellyCloud, api, shellyLocal, openMeteo, relayIgnoreProbability, offline, quirks,
                ignoreCommands);
    }

    public Faults withShellyLocal(Api api) {
        return new Faults(vrm, shellyCloud, solark, api, openMeteo, relayIgnoreProbability, offline, quirks,
                ignoreCommands);
    }

    public Faults withOpenMeteo(Api api) {
        return new Faults(vrm, shellyCloud, solark, shellyLocal, api, relayIgnoreProbability, offline, quirks,
                ignoreCommands);
    }

    public Faults withRelayIgnoreProbability(double probability) {
        return new Faults(vrm, shellyCloud, solark, shellyLocal, openMeteo, probability, offline, quirks,
                ignoreCommands);
    }

    public Faults withOffline(List<OfflineWindow> windows) {
        return new Faults(vrm, shellyCloud, solark, shellyLocal, openMeteo, relayIgnoreProbability, windows, quirks,
                ignoreCommands);
    }

    static void requireProbability(String field, double value) {
        if (!(value >= 0 && value <= 1)) {
            throw new IllegalArgumentException(field + " must be between 0 and 1 (was " + value + ")");
        }
    }

    /**
     * Faults of one API.
     *
     * @param timeoutProbability     chance the server sleeps {@code timeoutDelay} before answering (the client should
     *                               have given up by then)
     * @param timeoutDelay           how long a "timeout" answer takes, default 30 s
     * @param serverErrorProbability chance of an HTTP 5xx answer
     * @param serverErrorStatus      which 5xx status, default 500
     * @param rateLimitProbability   chance of an HTTP 429 answer regardless of the request rate
     * @param retryAfter             the {@code Retry-After} of a random 429, default 30 s
     * @param staleProbability       chance of stale data: VRM {@code secondsAgo} large and {@code hasOldData}, SolArk
     *                               values frozen, Shelly {@code _updated} old; the values are those of
     *                               {@code staleAge} earlier
     * @param staleAge               how old stale data is, default 2 h
     * @param offlineProbability     (Shelly) chance a device answers as offline for one request
     * @param rateLimit              real rate limit: at most {@code requests} per rolling {@code window} per credential
     *                               (429 with {@code Retry-After} beyond); {@code requests: 0} = unlimited
     */
    public record Api(double timeoutProbability, Duration timeoutDelay, double serverErrorProbability,
                      int serverErrorStatus, double rateLimitProbability, Duration retryAfter,
                      double staleProbability, Duration staleAge, double offlineProbability, RateLimit rateLimit) {

        /** No faults and no rate limit. */
        public static final Api NONE = new Api(0, null, 0, 0, 0, null, 0, null, 0, RateLimit.NONE);

        public Api {
            requireProbability("timeoutProbability", timeoutProbability);
            requireProbability("serverErrorProbability", serverErrorProbability);
            requireProbability("rateLimitProbability", rateLimitProbability);
            requireProbability("staleProbability", staleProbability);
            requireProbability("offlineProbability", offlineProbability);
            timeoutDelay = positiveOr("timeoutDelay", timeoutDelay, Duration.ofSeconds(30));
            retryAfter = positiveOr("retryAfter", retryAfter, Duration.ofSeconds(30));
            staleAge = positiveOr("staleAge", staleAge, Duration.ofHours(2));
            if (serverErrorStatus == 0) {
                serverErrorStatus = 500;
            }
            if (serverErrorStatus < 500 || serverErrorStatus > 599) {
                throw new IllegalArgumentException("serverErrorStatus must be a 5xx status (was " + serverErrorStatus + ")");
            }
        }

        static Api orDefault(Api api, RateLimit defaultLimit) {
            if (api == null) {
                return NONE.withRateLimit(defaultLimit);
            }
            return api.rateLimit == null ? api.withRateLimit(defaultLimit) : api;
        }

        public Api withTimeouts(double probability, Duration delay) {
            return new Api(probability, delay, serverErrorProbability, serverErrorStatus, rateLimitProbability,
                    retryAfter, staleProbability, staleAge, offlineProbability, rateLimit);
        }

        public Api withServerErrors(double probability) {
            return new Api(timeoutProbability, timeoutDelay, probability, serverErrorStatus, rateLimitProbability,
                    retryAfter, staleProbability, staleAge, offlineProbability, rateLimit);
        }

        public Api withRandomRateLimiting(double probability, Duration retryAfter) {
            return new Api(timeoutProbability, timeoutDelay, serverErrorProbability, serverErrorStatus, probability,
                    retryAfter, staleProbability, staleAge, offlineProbability, rateLimit);
        }

        public Api withStaleData(double probability, Duration age) {
            return new Api(timeoutProbability, timeoutDelay, serverErrorProbability, serverErrorStatus,
                    rateLimitProbability, retryAfter, probability, age, offlineProbability, rateLimit);
        }

        public Api withOfflineDevices(double probability) {
            return new Api(timeoutProbability, timeoutDelay, serverErrorProbability, serverErrorStatus,
                    rateLimitProbability, retryAfter, staleProbability, staleAge, probability, rateLimit);
        }

        public Api withRateLimit(RateLimit limit) {
            return new Api(timeoutProbability, timeoutDelay, serverErrorProbability, serverErrorStatus,
                    rateLimitProbability, retryAfter, staleProbability, staleAge, offlineProbability, limit);
        }

        static Duration positiveOr(String field, Duration value, Duration fallback) {
            if (value == null) {
                return fallback;
            }
            if (value.isNegative() || value.isZero()) {
                throw new IllegalArgumentException(field + " must be a positive duration (was " + value + ")");
            }
            return value;
        }
    }

    /** At most {@code requests} per rolling {@code window}; 0 requests means unlimited. */
    public record RateLimit(int requests, Duration window) {

        public static final RateLimit NONE = new RateLimit(0, Duration.ofSeconds(1));

        public RateLimit {
            if (requests < 0) {
                throw new IllegalArgumentException("requests must be 0 (unlimited) or more (was " + requests + ")");
            }
            if (window == null) {
                window = Duration.ofSeconds(1);
            }
            if (window.isNegative() || window.isZero()) {
                throw new IllegalArgumentException("window must be a positive duration (was " + window + ")");
            }
        }

        public boolean unlimited() {
            return requests == 0;
        }
    }

    public Faults withIgnoreCommands(List<IgnoredCommands> windows) {
        return new Faults(vrm, shellyCloud, solark, shellyLocal, openMeteo, relayIgnoreProbability, offline, quirks,
                windows);
    }

    /**
     * A relay that answers every command with OK and does not move (welded contacts, a frozen firmware), from
     * {@code start} after the scenario start for {@code duration}.
     *
     * @param device device name or Shelly cloud id
     */
    public record IgnoredCommands(String device, Duration start, Duration duration) {

        public IgnoredCommands {
            OfflineWindow.requireWindow(device, start, duration);
        }

        boolean covers(Duration sinceStart) {
            return OfflineWindow.windowCovers(start, duration, sinceStart);
        }
    }

    /**
     * A device that is offline (its relay unreachable) from {@code start} after the scenario start, for
     * {@code duration}. The relay keeps its state and the load keeps running unless {@code powerCut} is set.
     *
     * @param device   device name or Shelly cloud id
     * @param start    offset from the scenario start
     * @param duration how long it stays offline
     * @param powerCut the device has lost power too: its load draws nothing while offline
     */
    public record OfflineWindow(String device, Duration start, Duration duration, boolean powerCut) {

        public OfflineWindow {
            requireWindow(device, start, duration);
        }

        boolean covers(Duration sinceStart) {
            return windowCovers(start, duration, sinceStart);
        }

        /** A device's fault window: named, starting at or after the scenario start, lasting a while. */
        static void requireWindow(String device, Duration start, Duration duration) {
            if (device == null || device.isBlank()) {
                throw new IllegalArgumentException("device is missing");
            }
            if (start == null || start.isNegative()) {
                throw new IllegalArgumentException("start must be a duration from the scenario start such as PT13H (was "
                        + start + ")");
            }
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be a positive duration such as PT1H (was " + duration + ")");
            }
        }

        static boolean windowCovers(Duration start, Duration duration, Duration sinceStart) {
            return sinceStart.compareTo(start) >= 0 && sinceStart.compareTo(start.plus(duration)) < 0;
        }
    }

    // --- cloud quirks (SolArk and VRM behaviour of the real clouds) ---

    public Faults withQuirks(Quirks quirks) {
        return new Faults(vrm, shellyCloud, solark, shellyLocal, openMeteo, relayIgnoreProbability, offline, quirks,
                ignoreCommands);
    }

    /**
     * Ways the real clouds fail that are not random HTTP errors. Windows are offsets from the scenario start.
     *
     * @param solarkTokenLifetime how long a SolArk access token is accepted (simulated time). The login still says
     *                            {@code expires_in: 604799} (7 days) as the real cloud does; after the lifetime the
     *                            token is answered HTTP 200 {@code {"code":102,"msg":"token invalid or expired"}}
     * @param solarkFrozen        windows in which the SolArk cloud stops refreshing: the flow keeps the values of the
     *                            window's start, with no sign of it (the flow has no time stamp)
     * @param vrmNoData           windows in which the battery monitor logs nothing to VRM: BatterySummary answers only
     *                            {@code hasOldData: true} and a growing {@code secondsAgo}, no attributes
     */
    public record Quirks(Duration solarkTokenLifetime, List<Window> solarkFrozen, List<Window> vrmNoData) {

        /** SolArk's login claims a week; the simulator keeps its tokens that long unless told otherwise. */
        static final Duration SOLARK_TOKEN_LIFETIME = Duration.ofSeconds(604_799);
        public static final Quirks NONE = new Quirks(null, null, null);

        public Quirks {
            solarkTokenLifetime = Api.positiveOr("solarkTokenLifetime", solarkTokenLifetime, SOLARK_TOKEN_LIFETIME);
            solarkFrozen = solarkFrozen == null ? List.of() : List.copyOf(solarkFrozen);
            vrmNoData = vrmNoData == null ? List.of() : List.copyOf(vrmNoData);
        }

        public Quirks withSolarkTokenLifetime(Duration lifetime) {
            return new Quirks(lifetime, solarkFrozen, vrmNoData);
        }

        public Quirks withSolarkFrozen(List<Window> windows) {
            return new Quirks(solarkTokenLifetime, windows, vrmNoData);
        }

        public Quirks withVrmNoData(List<Window> windows) {
            return new Quirks(solarkTokenLifetime, solarkFrozen, windows);
        }

        /** The window covering this moment after the scenario start, if any. */
        public static Window covering(List<Window> windows, Duration sinceStart) {
            for (Window window : windows) {
                if (sinceStart.compareTo(window.start()) >= 0
                        && sinceStart.compareTo(window.start().plus(window.duration())) < 0) {
                    return window;
                }
            }
            return null;
        }
    }

    /** From {@code start} after the scenario start, for {@code duration}. */
    public record Window(Duration start, Duration duration) {

        public Window {
            if (start == null || start.isNegative()) {
                throw new IllegalArgumentException("start must be a duration from the scenario start such as PT13H (was "
                        + start + ")");
            }
            if (duration == null || duration.isNegative() || duration.isZero()) {
                throw new IllegalArgumentException("duration must be a positive duration such as PT20M (was " + duration + ")");
            }
        }
    }
}
