package io.commandcenter.engine;

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

import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;

/**
 * Reads the policy DRL files: from the rules folder on disk (edited in git, reloaded without a
 * rebuild), or, when that folder does not exist, from the copy packaged on the classpath.
 */
public final class RuleDirectory {

    private final Path dir;

    public RuleDirectory(Path dir) {
        this.dir = dir;
    }

    /** Where the files come from, for the API: the folder, or "classpath:rules". */
    public String location() {
        return Files.isDirectory(dir) ? dir.toAbsolutePath().normalize().toString() : "classpath:rules";
    }

    public List<RuleFile> load() {
        return Files.isDirectory(dir) ? fromDisk() : fromClasspath();
    }

    private List<RuleFile> fromDisk() {
        try (Stream<Path> files = Files.list(dir)) {
            List<RuleFile> list = new ArrayList<>();
            for (Path p : files.filter(p -> p.getFileName().toString().endsWith(".drl")).sorted().toList()) {
                list.add(RuleFile.file(p.getFileName().toString(), Files.readString(p)));
            }
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<RuleFile> fromClasspath() {
        try {
            Resource[] resources = new PathMatchingResourcePatternResolver().getResources("classpath*:rules/*.drl");
            List<RuleFile> list = new ArrayList<>();
            for (Resource r : resources) {
                try (InputStream in = r.getInputStream()) {
                    list.add(RuleFile.file(r.getFilename(), new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                }
            }
            list.sort(Comparator.comparing(RuleFile::name));
            return list;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
