package io.commandcenter.engine;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;

import io.commandcenter.engine.RuleSetCache.BuildMessage;
import io.commandcenter.engine.RuleSetCache.Built;
import io.commandcenter.engine.RuleSetCache.Stored;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.drools.base.util.Drools;
import org.drools.compiler.compiler.DuplicateRule;
import org.drools.compiler.compiler.io.memory.MemoryFileSystem;
import org.drools.compiler.kie.builder.impl.InternalKieModule;
import org.drools.compiler.kie.builder.impl.InternalKieModuleProvider;
import org.drools.model.codegen.ExecutableModelProject;
import org.kie.api.KieBase;
import org.kie.api.KieBaseConfiguration;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.KieModule;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.conf.EventProcessingOption;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Query;
import org.kie.util.maven.support.ReleaseIdImpl;
import org.kie.internal.builder.InternalKieBuilder;
import org.kie.internal.builder.ResultSeverity;
import org.kie.internal.builder.conf.KBuilderSeverityOption;
import org.springframework.core.io.ClassPathResource;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Checks DRL sources with {@link RuleGuard} and compiles them into a {@link RuleSet} with the
 * executable model. Pure Java, no Spring context:
 * the engine service, the benchmark and tests use it. A failed build returns its errors with
 * file (or table row), line and column, and produces nothing, so whatever runs stays in place.
 *
 * <p>With a {@link RuleSetCache}, a build of the very inputs an earlier build compiled (same
 * files, Drools and Java version, builder options and fact classes) reuses that build instead of
 * compiling: the guard still reads every file first.
 */
public final class RuleSetBuilder {

    /** The DRL package every rule file declares. */
    public static final String PACKAGE = "rules";

    private static final Log log = LogFactory.getLog(RuleSetBuilder.class);
    private static final String RESOURCE_DIR = "src/main/resources/" + PACKAGE + "/";
    private static final AtomicLong BUILDS = new AtomicLong();
    // Cached modules keep the release id of the run that built them: this run's ids must differ.
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final ClassLoader CLASSES = new RememberingClassLoader(RuleSetBuilder.class.getClassLoader());
    private static final String OPTIONS = options();
    // Loading goes through the JVM-wide Kie repository: one at a time, so no two loads meet there.
    private static final Object LOADING = new Object();

    /** Where a successful build came from. */
    public enum Origin { COMPILED, MEMORY, DISK }

    /** The outcome of a build: a rule set, or the errors that prevented it. */
    public record Result(RuleSet ruleSet, List<RuleProblem> errors, List<RuleProblem> warnings, Origin origin) {

        public Result(RuleSet ruleSet, List<RuleProblem> errors, List<RuleProblem> warnings) {
            this(ruleSet, errors, warnings, Origin.COMPILED);
        }

        public boolean ok() {
            return ruleSet != null;
        }

        Result withRuleSet(RuleSet other) {
            return new Result(other, errors, warnings, origin);
        }
    }

    private final RuleSetCache cache;

    /** A builder that compiles every time. */
    public RuleSetBuilder() {
        this(null);
    }

    /** @param cache compiled rule sets to reuse and fill; null compiles every time */
    public RuleSetBuilder(RuleSetCache cache) {
        this.cache = cache;
    }

    /** What {@link RuleGuard} refuses in these files, before any compiling; empty when all are allowed. */
    public static List<RuleProblem> refusals(List<RuleFile> files) {
        return RuleGuard.check(files);
    }

    public Result build(List<RuleFile> files) {
        long started = System.nanoTime();
        // Rules are code: nothing reaches the compiler, or the cache, before the guard has read every file.
        List<RuleProblem> refused = RuleGuard.check(files);
        if (!refused.isEmpty()) {
            return new Result(null, refused, List.of());
        }
        String hash = contentHash(files);
        String key = cache == null ? null : cacheKey(hash);
        Origin origin = Origin.MEMORY;
        boolean stored = false;
        Built built = key == null ? null : cache.inMemory(key).orElse(null);
        if (built == null && key != null) {
            origin = Origin.DISK;
            built = fromDisk(key);
        }
        if (built == null) {
            origin = Origin.COMPILED;
            Compiled compiled = compile(files);
            if (!compiled.errors().isEmpty()) {
                return new Result(null, compiled.errors(), problems(compiled.warnings(), files));
            }
            built = compiled.built();
            stored = key != null && compiled.module() != null
                    && cache.store(key, new Stored(compiled.module(), built.warnings()));
        }
        if (key != null && origin != Origin.MEMORY) {
            cache.remember(key, built);
        }
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        if (origin != Origin.MEMORY && key != null) {
            log.info(origin == Origin.DISK
                    ? "Loaded the compiled rules " + hash.substring(0, 12) + " from " + cache.where(key) + " in "
                            + took.toMillis() + " ms"
                    : "Compiled the rules " + hash.substring(0, 12) + " in " + took.toMillis() + " ms"
                            + (stored ? ", kept in " + cache.where(key) : ""));
        }
        return new Result(new RuleSet(built.kieBase(), List.copyOf(files), List.of(), hash, took, built.queries()),
                List.of(), problems(built.warnings(), files), origin);
    }

    private record Compiled(Built built, byte[] module, List<RuleProblem> errors, List<BuildMessage> warnings) {
    }

    private Compiled compile(List<RuleFile> files) {
        KieServices ks = KieServices.Factory.get();
        ReleaseId releaseId = ks.newReleaseId("io.commandcenter", "rules", "1.0." + BUILDS.incrementAndGet() + "-" + RUN);
        KieFileSystem kfs = ks.newKieFileSystem();
        kfs.generateAndWritePomXML(releaseId);
        for (RuleFile file : files) {
            kfs.write(RESOURCE_DIR + file.name(), file.content());
        }
        KieBuilder builder = ks.newKieBuilder(kfs, CLASSES);
        // Handed over as a model: a kmodule.xml would need Drools' XML support (XStream) on the class path.
        ((InternalKieBuilder) builder).withKModuleModel(kieModuleModel());
        builder.buildAll(ExecutableModelProject.class);
        List<BuildMessage> warnings = messages(builder, Message.Level.WARNING);
        List<RuleProblem> errors = problems(messages(builder, Message.Level.ERROR), files);
        if (!errors.isEmpty()) {
            return new Compiled(null, null, errors, warnings);
        }
        // A successful build leaves its module in the JVM-wide Kie repository: take it out again, or
        // every rebuild would keep its classes and KieBase alive there.
        try {
            byte[] module = cache == null ? null : bytes(builder.getKieModule());
            KieBase kieBase = ks.newKieContainer(releaseId, CLASSES).newKieBase(kieBaseConfiguration(ks));
            return new Compiled(new Built(kieBase, queries(kieBase), warnings), module, List.of(), warnings);
        } finally {
            ks.getRepository().removeKieModule(releaseId);
        }
    }

    /** A cached module loaded into a new KieBase; null (entry discarded) when it cannot be loaded. */
    private Built fromDisk(String key) {
        Stored stored = cache.onDisk(key).orElse(null);
        if (stored == null) {
            return null;
        }
        KieServices ks = KieServices.Factory.get();
        synchronized (LOADING) {
            ReleaseId releaseId = null;
            try {
                MemoryFileSystem jar = MemoryFileSystem.readFromJar(stored.module());
                String pom = jar.findPomProperties();
                if (pom == null) {
                    throw new IllegalStateException("no compiled rule module inside");
                }
                releaseId = ReleaseIdImpl.fromPropertiesString(pom);
                ks.getRepository().addKieModule(InternalKieModuleProvider.get(releaseId, kieModuleModel(), jar));
                KieBase kieBase = ks.newKieContainer(releaseId, CLASSES).newKieBase(kieBaseConfiguration(ks));
                return new Built(kieBase, queries(kieBase), stored.warnings());
            } catch (RuntimeException | LinkageError e) {
                cache.discard(key, "cannot be loaded (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
                return null;
            } finally {
                if (releaseId != null) {
                    ks.getRepository().removeKieModule(releaseId);
                }
            }
        }
    }

    private static byte[] bytes(KieModule module) {
        try {
            return ((InternalKieModule) module).getBytes();
        } catch (RuntimeException e) {
            log.warn("Cannot serialise the compiled rules for the cache: " + e.getMessage());
            return null;
        }
    }

    private static KieBaseConfiguration kieBaseConfiguration(KieServices ks) {
        KieBaseConfiguration conf = ks.newKieBaseConfiguration();
        conf.setOption(EventProcessingOption.STREAM);
        return conf;
    }

    /** The builder options, given to every build (never JVM-wide system properties), and to every load. */
    private static KieModuleModel kieModuleModel() {
        KieModuleModel module = KieServices.Factory.get().newKieModuleModel();
        // Two rules with one name would make explanations ambiguous: refuse them. The executable model
        // refuses them whatever this says (Drools 10.2); said all the same, so a changed default cannot let them in.
        module.setConfigurationProperty(KBuilderSeverityOption.PROPERTY_NAME + DuplicateRule.KEY,
                ResultSeverity.ERROR.toString());
        module.newKieBaseModel(PACKAGE).setDefault(true).setEventProcessingMode(EventProcessingOption.STREAM);
        return module;
    }

    /** The builder options in words, for the cache key. */
    private static String options() {
        KieModuleModel module = kieModuleModel();
        StringBuilder options = new StringBuilder("executable model " + new TreeMap<>(module.getConfigurationProperties()));
        module.getKieBaseModels().values().forEach(b -> options.append("; kbase ").append(b.getName())
                .append(b.isDefault() ? " default " : " ").append(b.getEventProcessingMode()));
        return options.toString();
    }

    private static List<BuildMessage> messages(KieBuilder builder, Message.Level level) {
        return builder.getResults().getMessages(level).stream()
                .map(m -> new BuildMessage(m.getPath(), m.getLine(), m.getColumn(), m.getText())).toList();
    }

    private static List<RuleProblem> problems(List<BuildMessage> messages, List<RuleFile> files) {
        List<RuleProblem> problems = new ArrayList<>();
        for (BuildMessage m : messages) {
            String name = m.path() == null ? "" : m.path();
            for (String prefix : List.of("src/main/resources/", PACKAGE + "/")) {
                name = name.startsWith(prefix) ? name.substring(prefix.length()) : name;
            }
            String fileName = name;
            RuleFile file = files.stream().filter(f -> f.name().equals(fileName)).findFirst().orElse(null);
            int line = Math.max(0, m.line());
            int column = Math.max(0, m.column());
            if (line == 0 && file != null) {
                // The executable model reports some type errors without a position: find the quoted code.
                int[] found = locate(file.content(), m.text());
                line = found[0];
                column = found[1];
            }
            problems.add(new RuleProblem(name, null, null, line, column, m.text()));
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

    /**
     * The cache key of a build of files with this content hash: every other input of the build too,
     * the compiler (Drools and Java version), its options and the project classes rules
     * may name (a build against a changed fact record would be wrong).
     */
    static String cacheKey(String contentHash) {
        MessageDigest sha = sha256();
        for (String input : List.of("rule set cache 1", Drools.getFullVersion(),
                System.getProperty("java.specification.version"), OPTIONS, RuleTypes.FINGERPRINT, contentHash)) {
            sha.update(input.getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        }
        return HexFormat.of().formatHex(sha.digest());
    }

    /** The class files of the facts package and the other project types the guard lets rules name. */
    private static final class RuleTypes {
        static final String FINGERPRINT = fingerprint();

        private static String fingerprint() {
            ClassLoader loader = RuleSetBuilder.class.getClassLoader();
            try {
                List<Resource> classes = new ArrayList<>(List.of(new PathMatchingResourcePatternResolver(loader)
                        .getResources("classpath*:" + RuleGuard.FACTS.replace('.', '/') + "/*.class")));
                for (Class<?> type : RuleGuard.PROJECT_TYPES) {
                    classes.add(new ClassPathResource(
                            type.getName().replace('.', '/') + ".class", loader));
                }
                classes.sort(Comparator.comparing(Resource::getFilename));
                MessageDigest sha = sha256();
                for (Resource r : classes) {
                    sha.update(r.getFilename().getBytes(StandardCharsets.UTF_8));
                    try (InputStream in = r.getInputStream()) {
                        sha.update(in.readAllBytes());
                    }
                }
                return HexFormat.of().formatHex(sha.digest());
            } catch (IOException | UncheckedIOException e) {
                // Without a fingerprint no key can be trusted: a fresh value makes every lookup miss.
                log.warn("Cannot read the fact classes, so compiled rules are not reused: " + e.getMessage());
                return UUID.randomUUID().toString();
            }
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String contentHash(List<RuleFile> files) {
        MessageDigest sha = sha256();
        files.stream().sorted((a, b) -> a.name().compareTo(b.name())).forEach(f -> {
            sha.update(f.name().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
            sha.update(f.content().getBytes(StandardCharsets.UTF_8));
            sha.update((byte) 0);
        });
        return HexFormat.of().formatHex(sha.digest());
    }
}
