package io.commandcenter.engine;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.kie.api.KieBase;

/**
 * Compiled rule sets by cache key ({@link RuleSetBuilder} computes it from every input of a build):
 * the KieBases of the last few builds in memory, and the compiled KieModules (a kjar) in a folder
 * on disk, so a restart with unchanged rules loads its classes instead of compiling them again.
 * Holds only builds that succeeded, after the guard had accepted their sources.
 *
 * <p>An entry that cannot be read, or whose checksum does not match, is logged, deleted and
 * reported as missing: the build then compiles. Writing never fails a build either.
 */
public final class RuleSetCache {

    private static final Log log = LogFactory.getLog(RuleSetCache.class);

    /** Entry layout: magic, warnings, module bytes, then a SHA-256 of all before it. */
    private static final byte[] MAGIC = "CCRULES1".getBytes(StandardCharsets.US_ASCII);
    private static final String SUFFIX = ".kjar";
    private static final int DIGEST_BYTES = 32;

    // A few: each KieBase holds its classes and network (megabytes), and every edit of the rules is a new key.
    private static final int IN_MEMORY = 4;

    // Spring test contexts each create their own services; one cache per folder lets them share builds.
    private static final Map<Optional<Path>, RuleSetCache> SHARED = new ConcurrentHashMap<>();

    /** A build as memory keeps it: sessions are made from the KieBase, which nothing changes after the build. */
    record Built(KieBase kieBase, Set<String> queries, List<BuildMessage> warnings) {
    }

    /** A build as the disk keeps it: the compiled module and what the compiler warned about. */
    record Stored(byte[] module, List<BuildMessage> warnings) {
    }

    /** A compiler message as Drools reports it, before it is mapped to a file or table row. */
    record BuildMessage(String path, int line, int column, String text) {
    }

    private final Path dir;
    private final Map<String, Built> memory = new LinkedHashMap<>(8, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, Built> eldest) {
            return size() > IN_MEMORY;
        }
    };

    /** @param dir where compiled modules are kept; null keeps them in memory only */
    public RuleSetCache(Path dir) {
        this.dir = dir;
    }

    /** The one cache of this folder in this JVM. */
    static RuleSetCache shared(Path dir) {
        Optional<Path> key = Optional.ofNullable(dir).map(d -> d.toAbsolutePath().normalize());
        return SHARED.computeIfAbsent(key, k -> new RuleSetCache(k.orElse(null)));
    }

    Optional<Built> inMemory(String key) {
        synchronized (memory) {
            return Optional.ofNullable(memory.get(key));
        }
    }

    void remember(String key, Built built) {
        synchronized (memory) {
            memory.put(key, built);
        }
    }

    /** The module stored under {@code key}; empty when there is none or it cannot be used (then it is deleted). */
    Optional<Stored> onDisk(String key) {
        Path file = file(key);
        if (file == null || !Files.isRegularFile(file)) {
            return Optional.empty();
        }
        try {
            return Optional.of(decode(Files.readAllBytes(file)));
        } catch (IOException | RuntimeException e) {
            discard(key, "cannot be read (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")");
            return Optional.empty();
        }
    }

    /**
     * Stores a compiled module; false when there is no folder or it cannot be written (that costs the next start
     * a compile, nothing more).
     */
    boolean store(String key, Stored stored) {
        Path file = file(key);
        if (file == null) {
            return false;
        }
        Path temp = null;
        try {
            Files.createDirectories(dir);
            temp = Files.createTempFile(dir, key.substring(0, 12), ".tmp");
            Files.write(temp, encode(stored));
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
            return true;
        } catch (IOException | RuntimeException e) {
            log.warn("Cannot store the compiled rule set in " + dir + ": " + e);
            return false;
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    log.debug("Cannot delete " + temp, e);
                }
            }
        }
    }

    /** Deletes an entry that turned out unusable, saying why; the build compiles instead. */
    void discard(String key, String why) {
        Path file = file(key);
        log.warn("Cached rule set " + file + " " + why + "; compiling the rules instead");
        try {
            if (file != null) {
                Files.deleteIfExists(file);
            }
        } catch (IOException e) {
            log.warn("Cannot delete the unusable cached rule set " + file + ": " + e.getMessage());
        }
    }

    /** Where the entry for {@code key} lives, for the log. */
    String where(String key) {
        return dir == null ? "memory" : file(key).toString();
    }

    /** Where the entry for {@code key} lives; null without a folder. */
    Path file(String key) {
        return dir == null ? null : dir.resolve(key + SUFFIX);
    }

    static byte[] encode(Stored stored) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(stored.module().length + 1024);
            DataOutputStream out = new DataOutputStream(bytes);
            out.write(MAGIC);
            out.writeInt(stored.warnings().size());
            for (BuildMessage w : stored.warnings()) {
                writeString(out, w.path());
                out.writeInt(w.line());
                out.writeInt(w.column());
                writeString(out, w.text());
            }
            out.writeInt(stored.module().length);
            out.write(stored.module());
            out.flush();
            out.write(sha256(bytes.toByteArray(), bytes.size()));
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static Stored decode(byte[] entry) throws IOException {
        int body = entry.length - DIGEST_BYTES;
        if (body < MAGIC.length || !Arrays.equals(Arrays.copyOf(entry, MAGIC.length), MAGIC)) {
            throw new IOException("not a compiled rule set of this format");
        }
        if (!Arrays.equals(sha256(entry, body), Arrays.copyOfRange(entry, body, entry.length))) {
            throw new IOException("checksum mismatch, the file is damaged");
        }
        DataInputStream in = new DataInputStream(new ByteArrayInputStream(entry, MAGIC.length, body - MAGIC.length));
        int count = in.readInt();
        List<BuildMessage> warnings = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            warnings.add(new BuildMessage(readString(in), in.readInt(), in.readInt(), readString(in)));
        }
        byte[] module = new byte[in.readInt()];
        in.readFully(module);
        return new Stored(module, List.copyOf(warnings));
    }

    private static void writeString(DataOutputStream out, String s) throws IOException {
        byte[] utf8 = (s == null ? "" : s).getBytes(StandardCharsets.UTF_8);
        out.writeInt(utf8.length);
        out.write(utf8);
    }

    private static String readString(DataInputStream in) throws IOException {
        byte[] utf8 = new byte[in.readInt()];
        in.readFully(utf8);
        return new String(utf8, StandardCharsets.UTF_8);
    }

    private static byte[] sha256(byte[] data, int length) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(data, 0, length);
            return sha.digest();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
