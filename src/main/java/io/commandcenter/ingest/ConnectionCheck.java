package io.commandcenter.ingest;

import java.util.List;

/**
 * What one cloud account answered to "Test connection" on the setup page: whether it could be reached with the
 * configured credentials and what it can see (installations and battery monitors, plants, relays). Secrets never
 * appear here.
 *
 * @param source    the cloud
 * @param reachable whether the account answered
 * @param message   the origin polled, or the cloud's error in its own words
 * @param found     what the account lists, one line each (e.g. "installation 123456 Cabin (battery monitor 279)")
 */
public record ConnectionCheck(PollSource source, boolean reachable, String message, List<String> found) {

    public static ConnectionCheck failed(PollSource source, String message) {
        return new ConnectionCheck(source, false, message, List.of());
    }
}
