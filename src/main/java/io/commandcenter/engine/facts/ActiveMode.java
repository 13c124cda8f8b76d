package io.commandcenter.engine.facts;

/**
 * The site mode in force ("Normal", "Storm prep", "Away"): its preferences are already in {@link SiteSettings} and
 * its confirmation in {@link ConfirmationMode}; this fact lets a rule ask for the mode by name, and every decision's
 * explanation names it.
 */
public record ActiveMode(String name) {
}
