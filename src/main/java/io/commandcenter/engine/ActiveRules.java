package io.commandcenter.engine;

import java.util.List;
import java.util.Optional;

import io.commandcenter.engine.facts.SiteSettings;

/**
 * What the live engine runs right now, for features that must start from it (test mode's dry
 * runs, replays and the activation safety gate): the compiled rule set with its files, and the
 * owner's stored preferences as the settings fact.
 */
public interface ActiveRules {

    RuleSet ruleSet();

    default List<RuleFile> files() {
        return ruleSet().files();
    }

    SiteSettings settings();

    /** The files of an activated version, if that version exists. */
    Optional<List<RuleFile>> version(int version);
}
