package io.commandcenter.engine;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;

import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Query;
import org.kie.api.runtime.KieContainer;

/**
 * Checks DRL sources with {@link RuleGuard} and compiles them into a {@link RuleSet} with the
 * executable model. Pure Java, no Spring:
 * the engine service, the benchmark and tests use it. A failed build returns its errors with
 * file (or table row), line and column, and produces nothing, so whatever runs stays in place.
 */
public final class RuleSetBuilder {

    /** The DRL package every rule file declares. */
    public static final String PACKAGE = "rules";

    private static final String RESOURCE_DIR = "src/main/resources/" + PACKAGE + "/";
    private static final AtomicLong BUILDS = new AtomicLong();
    private static final ClassLoader CLASSES = new RememberingClassLoader(RuleSetBuilder.class.getClassLoader());

    static {
        // Each build gets its own release id; keep the Kie repository from caching old KieBases.
        System.setProperty("kie.repository.project.cache.size", "2");
        System.setProperty("kie.repository.project.versions.cache.size", "2");
        // Two rules with one name would make explanations ambiguous: refuse them.
        System.setProperty("drools.kbuilder.severity.duplicateRule", "ERROR");
    }

    /** The outcome of a build: a rule set, or the errors that prevented it. */
    public record Result(RuleSet ruleSet, List<RuleProblem> errors, List<RuleProblem> warnings) {
        public boolean ok() {
            return ruleSet != null;
        }
    }

    /** What {@link RuleGuard} refuses in these files, before any compiling; empty when all are allowed. */
    public static List<RuleProblem> refusals(List<RuleFile> files) {
        return RuleGuard.check(files);
    }

    public Result build(List<RuleFile> files) {
        long started = System.nanoTime();
        // Rules are code: nothing reaches the compiler before the guard has read every file.
        List<RuleProblem> refused = RuleGuard.check(files);
        if (!refused.isEmpty()) {
            return new Result(null, refused, List.of());
        }
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("io.commandcenter", "rules", "1.0." + BUILDS.incrementAndGet());
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        for (RuleFile file : files) {
            kfs.write(RESOURCE_DIR + file.name(), file.content());
        }
        KieBuilder builder = ks.newKieBuilder(kfs, CLASSES).buildAll(ExecutableModelProject.class);
        List<RuleProblem> errors = problems(builder, files, Message.Level.ERROR);
        List<RuleProblem> warnings = problems(builder, files, Message.Level.WARNING);
        if (!errors.isEmpty()) {
            return new Result(null, errors, warnings);
        }
        KieContainer container = ks.newKieContainer(releaseId, CLASSES);
        KieBaseConfiguration conf = ks.newKieBaseConfiguration();
        conf.setOption(EventProcessingOption.STREAM);
        KieBase kieBase = container.newKieBase(conf);
        ks.getRepository().removeKieModule(releaseId);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        return new Result(new RuleSet(kieBase, List.copyOf(files), contentHash(files), took, queries(kieBase)),
                List.of(), warnings);
    }

    private static List<RuleProblem> problems(KieBuilder builder, List<RuleFile> files, Message.Level level) {
        List<RuleProblem> problems = new ArrayList<>();
        for (Message m : builder.getResults().getMessages(level)) {
            String name = m.getPath() == null ? "" : m.getPath();
            for (String prefix : List.of("src/main/resources/", PACKAGE + "/")) {
                name = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
            }
            String fileName = name;
            RuleFile file = files.stream().filter(f -> f.name().equals(fileName)).findFirst().orElse(null);
            int line = Math.max(0, m.getLine());
            int column = Math.max(0, m.getColumn());
            if (line == 0 && file != null) {
                // The executable model reports some type errors without a position: find the quoted code.
                int[] found = locate(file.content(), m.getText());
                line = found[0];
                column = found[1];
            }
            Integer row = file == null ? null : file.rowAt(line);
            problems.add(new RuleProblem(name, file == null ? null : file.table(), row, line, column, m.getText()));
        }
        return problems;
    }

    /** Line (1-based) and column of the code a message quotes after its last colon, or of the rule it names. */
    static int[] locate(String content, String message) {
        List<String> candidates = new ArrayList<>();
        int colon = message.lastIndexOf(": ");
        if (colon >= 0) {
            candidates.add(message.substring(colon + 2).trim());
        }
        java.util.regex.Matcher rule = java.util.regex.Pattern.compile("[Rr]ule \"([^\"]+)\"").matcher(message);
        if (rule.find()) {
            candidates.add("rule \"" + rule.group(1) + "\"");
        }
        String[] lines = content.split("\n", -1);
        for (String candidate : candidates) {
            if (candidate.isEmpty()) {
                continue;
            }
            for (int i = 0; i < lines.length; i++) {
                int at = lines[i].indexOf(candidate);
                if (at >= 0) {
                    return new int[] {i + 1, at};
                }
            }
        }
        return new int[] {0, 0};
    }

    private static Set<String> queries(KieBase kieBase) {
        Set<String> names = new LinkedHashSet<>();
        for (KiePackage pkg : kieBase.getKiePackages()) {
            for (Query q : pkg.getQueries()) {
                names.add(q.getName());
            }
        }
        return names;
    }

    static String contentHash(List<RuleFile> files) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            files.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(f -> {
                sha.update(f.name().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
                sha.update(f.content().getBytes(StandardCharsets.UTF_8));
                sha.update((byte) 0);
            });
            return HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
