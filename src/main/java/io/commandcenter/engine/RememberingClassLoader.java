package io.commandcenter.engine;

import java.net.URL;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The class loader rule builds see. The rule compiler asks for thousands of classes and class
 * files while it resolves names, most of them missing (every package and import is tried as a
 * class); inside the Spring Boot jar each miss searches all nested jars. The application's classes
 * do not change while it runs, so the answers are remembered. Classes themselves still come from
 * the application's loader, so facts are the very classes the engine uses.
 */
final class RememberingClassLoader extends ClassLoader {

    static {
        registerAsParallelCapable();
    }

    // Bounded all the same: past this many answers it starts over (it is only a cache).
    private static final int MAX_REMEMBERED = 50_000;

    private final Map<String, Boolean> missingClasses = new ConcurrentHashMap<>();
    private final Map<String, Optional<URL>> resources = new ConcurrentHashMap<>();

    RememberingClassLoader(ClassLoader parent) {
        super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        if (missingClasses.containsKey(name)) {
            throw new ClassNotFoundException(name);
        }
        try {
            return super.loadClass(name, resolve);
        } catch (ClassNotFoundException e) {
            bound(missingClasses).put(name, Boolean.TRUE);
            throw e;
        }
    }

    @Override
    public URL getResource(String name) {
        if (isGenerated(name)) {
            return null;
        }
        return bound(resources).computeIfAbsent(name, n -> Optional.ofNullable(getParent().getResource(n))).orElse(null);
    }

    /**
     * A class file a rule build generates: every build names its rule, lambda and project-model
     * classes afresh, they live in the build's memory, and the application never holds them, so
     * searching the nested jars for them (thousands per build) would only waste time.
     */
    static boolean isGenerated(String resource) {
        return resource.endsWith(".class") && (resource.startsWith(RuleSetBuilder.PACKAGE + "/")
                || resource.startsWith("org/drools/project/model/ProjectModel_"));
    }

    private static <K, V> Map<K, V> bound(Map<K, V> answers) {
        if (answers.size() > MAX_REMEMBERED) {
            answers.clear();
        }
        return answers;
    }
}
