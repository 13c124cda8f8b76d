package io.commandcenter;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/** A copy of the production rules folder that a test may edit, as an owner edits theirs in git. */
public final class RulesFolderCopy {

    private RulesFolderCopy() {
    }

    public static Path create(String prefix) {
        try {
            Path dir = Files.createTempDirectory(prefix);
            try (var files = Files.list(Path.of("rules"))) {
                for (Path f : files.toList()) {
                    Files.copy(f, dir.resolve(f.getFileName()));
                }
            }
            return dir;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts the production version of {@code file} back into the copy. */
    public static void restore(Path copy, String file) {
        try {
            Files.copy(Path.of("rules", file), copy.resolve(file), StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
