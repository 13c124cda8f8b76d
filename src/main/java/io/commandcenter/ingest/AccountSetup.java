package io.commandcenter.ingest;

import java.time.Instant;

/**
 * How one cloud is connected now, for the setup page. The secret is never part of it, only whether one is saved.
 *
 * @param source      the cloud
 * @param from        where the account in use comes from
 * @param origin      what is polled now, or why nothing is
 * @param environment the environment variables that set the account, when {@code from} is ENVIRONMENT
 * @param saved       the saved account with its secret blanked, or null
 * @param savedAt     when it was saved, or null
 * @param savedBy     who saved it, or null
 */
public record AccountSetup(PollSource source, From from, String origin, String environment, CloudAccount saved,
                           Instant savedAt, String savedBy) {

    public enum From {
        /** {@code COMMANDCENTER_*} variables: they win over a saved account and are changed there. */
        ENVIRONMENT,
        /** Saved on the setup page, secret encrypted in the database. */
        SAVED,
        /** No account: the embedded simulator stands in. */
        SIMULATOR,
        /** No account and no simulator: nothing is polled. */
        NONE
    }

    public boolean secretSaved() {
        return saved != null;
    }
}
