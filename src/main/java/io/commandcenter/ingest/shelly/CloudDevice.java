package io.commandcenter.ingest.shelly;

/**
 * A relay channel listed in the Shelly Cloud account.
 *
 * @param name  the name given in the Shelly app
 * @param model Shelly model code, e.g. SNSW-001P16EU
 */
public record CloudDevice(String cloudId, int channel, String name, String model) {
}
