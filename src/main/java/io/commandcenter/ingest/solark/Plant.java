package io.commandcenter.ingest.solark;

/** A SolArk plant (site) the account can see. */
public record Plant(long id, String name, int status) {
}
