package io.commandcenter.ingest.internal;

import io.commandcenter.ingest.CloudAccount;
import io.commandcenter.ingest.PollSource;
import io.commandcenter.validation.InvalidParams;

/**
 * One cloud's side of the setup page: checks an account's fields, builds a trial poller for "Test connection", and
 * connects a saved account to the live poller (and, for Shelly, the client that switches relays) without a restart.
 */
public interface AccountConnector {

    PollSource source();

    /** The environment variables that set this cloud's account, or null when the environment sets none. */
    String environment();

    /** Whether the embedded simulator stands in while no account is connected. */
    boolean onSimulator();

    /** Adds a problem for each field of {@code account} this cloud cannot use (secret already merged in). */
    void check(CloudAccount account, InvalidParams problems);

    /** A poller for {@code account} that shares nothing with the live one, for a connection test. */
    SourcePoller trial(CloudAccount account);

    /** Polls (and switches) with {@code account} from now on. */
    void connect(CloudAccount account);

    /** Back to what runs without an account: the simulator, or nothing, saying {@code why} when not null. */
    void disconnect(String why);

    /** Adds a problem unless {@code value} is an http(s) address with a host (or empty when not required). */
    static void checkServer(String value, boolean required, InvalidParams problems) {
        if (value == null) {
            if (required) {
                problems.add("server", "is required");
            }
            return;
        }
        try {
            java.net.URI uri = new java.net.URI(value);
            if (!("https".equals(uri.getScheme()) || "http".equals(uri.getScheme())) || uri.getHost() == null) {
                problems.add("server", "must be an http(s) address such as https://shelly-103-eu.shelly.cloud");
            } else if (uri.getRawQuery() != null || uri.getRawUserInfo() != null) {
                problems.add("server", "must be the server's address alone, without a query or a login");
            }
        } catch (java.net.URISyntaxException e) {
            problems.add("server", "is not a valid address: " + e.getReason());
        }
    }

    /** Adds a problem when {@code value} is set and not above zero. */
    static void checkPositive(String field, Number value, InvalidParams problems) {
        if (value != null && value.longValue() <= 0) {
            problems.add(field, "must be a positive number");
        }
    }
}
