package io.commandcenter.testmode;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import io.commandcenter.sitemodel.Scenario;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * The shipped scenarios: every {@code .yaml}, {@code .yml} or {@code .json} file in
 * {@code simulation/scenarios/} on disk, or, when that folder does not exist, the copy packed in
 * the jar under {@code scenarios/}. Sorted by file name.
 */
public final class ScenarioCatalog {

    public static final Path DEFAULT_DIR = Path.of("simulation", "scenarios");

    private final Path dir;

    public ScenarioCatalog(Path dir) {
        this.dir = dir;
    }

    public static ScenarioCatalog shipped() {
        return new ScenarioCatalog(DEFAULT_DIR);
    }

    /** A scenario file's name and either the scenario or why it cannot be loaded. */
    public record Entry(String file, Scenario scenario, String error) {
    }

    public List<Entry> load() {
        return Files.isDirectory(dir) ? fromDisk() : fromClasspath();
    }

    private static boolean isScenario(String name) {
        return name.endsWith(".yaml") || name.endsWith(".yml") || name.endsWith(".json");
    }

    private List<Entry> fromDisk() {
        try (Stream<Path> files = Files.list(dir)) {
            List<Entry> entries = new ArrayList<>();
            for (Path p : files.filter(p -> isScenario(p.getFileName().toString())).sorted().toList()) {
                entries.add(parse(p.getFileName().toString(), Files.readString(p)));
            }
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<Entry> fromClasspath() {
        try {
            List<Entry> entries = new ArrayList<>();
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:scenarios/*")) {
                String name = r.getFilename();
                if (name != null && isScenario(name)) {
                    try (InputStream in = r.getInputStream()) {
                        entries.add(parse(name, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                    }
                }
            }
            entries.sort(Comparator.comparing(Entry::file));
            return entries;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Entry parse(String name, String text) {
        try {
            return new Entry(name, Scenario.parse(name, text), null);
        } catch (RuntimeException e) {
            return new Entry(name, null, e.getMessage());
        }
    }
}
