package io.commandcenter.engine;

import java.time.Duration;
import java.util.List;
import java.util.Set;

import org.kie.api.KieBase;

/**
 * A compiled, validated rule set: the KieBase (stream mode) plus the sources it was built from.
 * Immutable; sessions are created from it by {@link EngineSession}.
 */
public record RuleSet(KieBase kieBase, List<RuleFile> files, String contentHash, Duration buildTime,
                      Set<String> queries) {
}
