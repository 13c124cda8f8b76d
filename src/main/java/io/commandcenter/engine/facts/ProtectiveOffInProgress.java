package io.commandcenter.engine.facts;

/** A protective off was allowed at {@code since} and no reading shows it carried out yet. */
public record ProtectiveOffInProgress(String device, long since) {
}
