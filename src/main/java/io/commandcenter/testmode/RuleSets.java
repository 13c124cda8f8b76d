package io.commandcenter.testmode;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

import io.commandcenter.engine.RuleDirectory;
import io.commandcenter.engine.RuleFile;
import io.commandcenter.engine.RuleProblem;
import io.commandcenter.engine.RuleSet;
import io.commandcenter.engine.RuleSetBuilder;

/** Builds rule sets for test mode with the production builder, failing with every compile error located. */
public final class RuleSets {

    /** The default rules folder; when it does not exist the copy packed in the jar is used. */
    public static final Path DEFAULT_DIR = Path.of("rules");

    private RuleSets() {
    }

    /** The rule set in {@code dir}, or the default rules (disk, then classpath) when {@code dir} is null. */
    public static RuleSet fromDirectory(Path dir) {
        if (dir != null && !Files.isDirectory(dir)) {
            throw new RuleSetException(dir + ": no such rules folder");
        }
        List<RuleFile> files = new RuleDirectory(dir == null ? DEFAULT_DIR : dir).load();
        if (files.isEmpty()) {
            throw new RuleSetException((dir == null ? "rules" : dir.toString()) + ": no .drl files");
        }
        return build(files);
    }

    public static RuleSet build(List<RuleFile> files) {
        RuleSetBuilder.Result result = new RuleSetBuilder().build(files);
        if (!result.ok()) {
            throw new RuleSetException("the rule set does not compile:\n" + result.errors().stream()
                    .map(RuleSets::describe).collect(Collectors.joining("\n")));
        }
        return result.ruleSet();
    }

    static String describe(RuleProblem p) {
        return "  " + p.file() + (p.line() > 0 ? ":" + p.line() + ":" + p.column() : "") + ": " + p.message().trim();
    }

    /** A rule set that cannot be built; the message lists every error with file, line and column. */
    public static final class RuleSetException extends RuntimeException {
        public RuleSetException(String message) {
            super(message);
        }
    }
}
