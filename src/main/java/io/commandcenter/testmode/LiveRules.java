package io.commandcenter.testmode;

import java.util.List;
import java.util.Optional;

import io.commandcenter.engine.RuleFile;
import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.facts.SiteSettings;

/**
 * What the live engine runs: its rule files, the compiled rule set and the owner's settings. Test
 * mode starts every candidate from these. The default reads {@code rules/} (or the jar's copy) and
 * the shipped default settings; the engine replaces it with a bean backed by its activated version
 * and the stored preferences.
 */
public interface LiveRules {

    List<RuleFile> files();

    RuleSet ruleSet();

    SiteSettings settings();

    /** The files of an activated rule-set version, when the engine keeps versions. */
    default Optional<List<RuleFile>> version(int version) {
        return Optional.empty();
    }
}
