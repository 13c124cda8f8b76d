package io.commandcenter.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

import io.commandcenter.engine.facts.TableRule;
import io.commandcenter.engine.facts.TableTest;
import org.kie.api.KieBase;

/**
 * A compiled, validated rule set: the KieBase (stream mode) built from the rule files, and the owner's
 * decision tables, which are data: their rows go into each session as {@link TableRule} facts. Immutable;
 * sessions are created from it by {@link EngineSession}.
 *
 * @param contentHash the files' hash, and the tables' with them when there are any
 */
public record RuleSet(KieBase kieBase, List<RuleFile> files, List<DecisionTable> tables, List<IfThenRule> ifThenRules,
                      String contentHash, Duration buildTime, Set<String> queries) {

    public RuleSet {
        tables = tables == null ? List.of() : List.copyOf(tables);
        ifThenRules = ifThenRules == null ? List.of() : List.copyOf(ifThenRules);
    }

    public RuleSet(KieBase kieBase, List<RuleFile> files, List<DecisionTable> tables, String contentHash,
                   Duration buildTime, Set<String> queries) {
        this(kieBase, files, tables, List.of(), contentHash, buildTime, queries);
    }

    /** The same compiled rules with other tables: no build, only other facts. */
    public RuleSet withTables(List<DecisionTable> newTables) {
        return new RuleSet(kieBase, files, newTables, ifThenRules,
                hash(RuleSetBuilder.contentHash(files), newTables, ifThenRules), buildTime, queries);
    }

    /** The same compiled rules with other if/then rules: no build, only other facts. */
    public RuleSet withIfThenRules(List<IfThenRule> rules) {
        return new RuleSet(kieBase, files, tables, rules, hash(RuleSetBuilder.contentHash(files), tables, rules),
                buildTime, queries);
    }

    /** The facts of the enabled if/then rules, as every session holds them. */
    public List<Object> ifThenFacts() {
        return ifThenRules.stream().flatMap(r -> r.facts().stream()).toList();
    }

    /** The rows every session holds as facts: those of enabled tables that are enabled themselves. */
    public List<TableRule> tableRules() {
        return tables.stream().flatMap(t -> t.rules().stream()).toList();
    }

    /** The distinct conditions of those rows, each tested once however many rows share it. */
    public List<TableTest> tableTests() {
        return tableRules().stream().map(TableRule::test).distinct().toList();
    }

    /** The hash of files (their own hash) and tables together; the files' hash alone when there are no tables. */
    static String hash(String filesHash, List<DecisionTable> tables) {
        return hash(filesHash, tables, List.of());
    }

    /** The hash of files, tables and if/then rules; the files' hash alone when there are neither. */
    static String hash(String filesHash, List<DecisionTable> tables, List<IfThenRule> ifThenRules) {
        boolean noTables = tables == null || tables.isEmpty();
        boolean noRules = ifThenRules == null || ifThenRules.isEmpty();
        if (noTables && noRules) {
            return filesHash;
        }
        if (noTables) {
            tables = List.of();
        }
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(filesHash.getBytes(StandardCharsets.UTF_8));
            tables.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(t -> {
                sha.update((byte) 0);
                sha.update(t.toString().getBytes(StandardCharsets.UTF_8));
            });
            if (!noRules) {
                ifThenRules.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(r -> {
                    sha.update((byte) 1);
                    sha.update(r.toString().getBytes(StandardCharsets.UTF_8));
                });
            }
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
