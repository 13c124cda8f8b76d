package io.commandcenter.agent.kb;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import dev.langchain4j.data.segment.TextSegment;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.io.Resource;
import org.springframework.core.io.support.PathMatchingResourcePatternResolver;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The knowledge base's facade: {@link #search} for agents, {@link #sync} to re-read changed files.
 * Documents are read from the configured folder, or from the copy inside the jar when it is missing.
 */
public class KnowledgeBase {

    private static final Logger log = LoggerFactory.getLogger(KnowledgeBase.class);

    private final KbRepository repository;
    private final Path dir;
    private final Clock clock;
    private volatile List<KbRepository.StoredChunk> chunks;

    public KnowledgeBase(JdbcClient jdbc, Path dir, Clock clock) {
        this.repository = new KbRepository(jdbc);
        this.dir = dir;
        this.clock = clock;
    }

    /** The best {@code limit} chunks for a question, best first. */
    public List<KbHit> search(String question, int limit) {
        if (chunks == null) {
            sync();
        }
        float[] q = Embeddings.embed(question);
        java.util.Set<String> terms = terms(question);
        // pgvector ranks by cosine in PostgreSQL; the heading bonus then re-ranks a wider set of candidates.
        List<KbHit> candidates = repository.pgvector()
                ? repository.nearest(q, Math.max(limit * 4, 20))
                : chunks.stream().map(c -> new KbHit(c.document(), c.section(), c.content(),
                        Embeddings.cosine(q, c.embedding()))).toList();
        return candidates.stream()
                .map(h -> new KbHit(h.document(), h.section(), h.content(),
                        h.score() + HEADING_WEIGHT * headingOverlap(terms, h.section())))
                .sorted(Comparator.comparingDouble(KbHit::score).reversed())
                .limit(limit)
                .toList();
    }

    /** "pgvector" when searches run in PostgreSQL, "real[]" when cosine runs in Java. */
    public String storage() {
        return repository.pgvector() ? "pgvector" : "real[]";
    }

    // A question's words in a section heading are a strong hint the small embedding model can miss.
    private static final double HEADING_WEIGHT = 0.15;
    private static final java.util.Set<String> STOP_WORDS = java.util.Set.of("the", "a", "an", "is", "are", "what",
            "how", "do", "does", "i", "we", "on", "in", "of", "to", "for", "and", "or", "it", "at", "my", "our", "when",
            "why", "which", "who", "should", "can", "be", "with", "before", "after", "there", "this", "that", "from");

    private static java.util.Set<String> terms(String text) {
        java.util.Set<String> out = new java.util.HashSet<>();
        for (String w : text.toLowerCase(java.util.Locale.ROOT).split("[^a-z0-9]+")) {
            if (w.length() > 1 && !STOP_WORDS.contains(w)) {
                out.add(w.endsWith("s") && w.length() > 3 ? w.substring(0, w.length() - 1) : w);
            }
        }
        return out;
    }

    private static double headingOverlap(java.util.Set<String> questionTerms, String section) {
        if (questionTerms.isEmpty()) {
            return 0;
        }
        java.util.Set<String> heading = terms(section);
        return (double) questionTerms.stream().filter(heading::contains).count() / questionTerms.size();
    }

    /** Re-embeds documents whose file hash changed since the last sync; returns how many changed. */
    @Scheduled(initialDelayString = "${commandcenter.agent.kb.first-sync:PT30S}",
            fixedDelayString = "${commandcenter.agent.kb.sync-interval:PT5M}")
    public synchronized int sync() {
        int changed = 0;
        try {
            Map<String, String> documents = documents();
            Map<String, String> synced = repository.syncedHashes();
            for (Map.Entry<String, String> doc : documents.entrySet()) {
                String hash = sha256(doc.getValue());
                if (hash.equals(synced.get(doc.getKey()))) {
                    continue;
                }
                List<MarkdownChunker.Chunk> parts = MarkdownChunker.chunks(doc.getValue());
                List<TextSegment> segments = parts.stream()
                        .map(c -> TextSegment.from(c.section() + "\n" + c.content())).toList();
                List<float[]> vectors = segments.isEmpty() ? List.of()
                        : Embeddings.model().embedAll(segments).content().stream().map(e -> e.vector()).toList();
                repository.replace(doc.getKey(), parts, vectors, hash,
                        synced.containsKey(doc.getKey()) ? "updated" : "added", clock.instant());
                changed++;
            }
            for (String gone : synced.keySet()) {
                if (!documents.containsKey(gone) && !synced.get(gone).isEmpty()) {
                    repository.replace(gone, List.of(), List.of(), "", "removed", clock.instant());
                    changed++;
                }
            }
            if (changed > 0) {
                log.info("Knowledge base: {} document(s) re-synced", changed);
            }
        } catch (RuntimeException e) {
            // A scheduled sync never throws: the previous chunks stay searchable.
            log.warn("Knowledge base sync failed: {}", e.toString());
        }
        chunks = repository.all();
        return changed;
    }

    /** Document name to markdown text. Files under {@code eval/} are test material, not site documents. */
    Map<String, String> documents() {
        Map<String, String> out = new TreeMap<>();
        try {
            if (dir != null && Files.isDirectory(dir)) {
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : files.filter(p -> p.toString().endsWith(".md")).toList()) {
                        String name = dir.relativize(f).toString().replace('\\', '/');
                        if (!name.startsWith("eval/")) {
                            out.put(name, Files.readString(f, StandardCharsets.UTF_8));
                        }
                    }
                }
                return out;
            }
            for (Resource r : new PathMatchingResourcePatternResolver().getResources("classpath*:kb/*.md")) {
                out.put(r.getFilename(), r.getContentAsString(StandardCharsets.UTF_8));
            }
            return out;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    List<String> documentNames() {
        return new ArrayList<>(documents().keySet());
    }
}
