package io.commandcenter.ingest.victron;

/** A VRM installation (site) the account can see. */
public record Installation(long id, String name, String timezone) {
}
