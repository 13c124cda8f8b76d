package io.commandcenter.testmode;

import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.commandcenter.engine.Decision;
import io.commandcenter.engine.RuleFile;
import io.commandcenter.engine.RuleSet;

/** Which rule proposed an action: the rule of the requesting file among the rules behind the decision. */
final class RuleNames {

    private static final Pattern RULE = Pattern.compile("(?m)^\\s*rule\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");

    private final Map<String, Set<String>> byFile = new HashMap<>();

    RuleNames(RuleSet rules) {
        for (RuleFile file : rules.files()) {
            Set<String> names = new HashSet<>();
            Matcher m = RULE.matcher(file.content());
            while (m.find()) {
                names.add(m.group(1));
            }
            byFile.put(file.name(), names);
        }
    }

    /** The proposing rule's name; a decision-table row or a person is named by {@code requestedBy}. */
    String proposer(Decision decision) {
        Set<String> names = byFile.get(decision.requestedBy());
        if (names != null) {
            for (String rule : decision.firedRules()) {
                if (names.contains(rule)) {
                    return rule;
                }
            }
        }
        return decision.requestedBy().isEmpty() ? decision.source().name() : decision.requestedBy();
    }

    static List<String> sorted(List<String> rules) {
        return rules.stream().sorted().toList();
    }
}
