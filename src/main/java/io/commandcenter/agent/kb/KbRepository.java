package io.commandcenter.agent.kb;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Chunks and their embeddings in {@code agent.kb_chunks}. Embeddings are always kept as {@code real[]};
 * when the database offers pgvector, a {@code vector(384)} copy with an HNSW index is added at run time
 * and searched with {@code <=>} (cosine distance). Without it, callers score all chunks in Java.
 * Set up here rather than in a migration, because a migration would fail where the extension is missing.
 */
class KbRepository {

    private static final Logger log = LoggerFactory.getLogger(KbRepository.class);

    /** all-MiniLM-L6-v2 gives 384 floats. */
    static final int DIMENSIONS = 384;

    record StoredChunk(String document, String section, String content, float[] embedding) {
    }

    private final JdbcClient jdbc;
    private volatile Boolean pgvector;

    KbRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Whether searches go to pgvector; decided once, on first use, and logged. */
    boolean pgvector() {
        if (pgvector == null) {
            synchronized (this) {
                if (pgvector == null) {
                    pgvector = setUpPgvector(jdbc, available(jdbc));
                }
            }
        }
        return pgvector;
    }

    /** True when the server has the extension installed (not necessarily created in this database). */
    static boolean available(JdbcClient jdbc) {
        return jdbc.sql("SELECT EXISTS (SELECT 1 FROM pg_available_extensions WHERE name = 'vector')")
                .query(Boolean.class).single();
    }

    /**
     * Creates the extension, the vector column (filled from the arrays) and its index.
     *
     * @return false, with the reason logged, when pgvector is not available or cannot be set up
     */
    static boolean setUpPgvector(JdbcClient jdbc, boolean available) {
        if (!available) {
            log.info("Knowledge base: pgvector is not available in this PostgreSQL; embeddings stay real[] and "
                    + "cosine similarity is computed in Java");
            return false;
        }
        try {
            jdbc.sql("CREATE EXTENSION IF NOT EXISTS vector").update();
            jdbc.sql("ALTER TABLE agent.kb_chunks ADD COLUMN IF NOT EXISTS embedding_vector vector(" + DIMENSIONS + ")")
                    .update();
            jdbc.sql("UPDATE agent.kb_chunks SET embedding_vector = embedding::vector(" + DIMENSIONS
                    + ") WHERE embedding_vector IS NULL").update();
        } catch (DataAccessException e) {
            log.warn("Knowledge base: pgvector is available but could not be set up ({}); embeddings stay real[] "
                    + "and cosine similarity is computed in Java", e.getMostSpecificCause().getMessage());
            return false;
        }
        try {
            jdbc.sql("CREATE INDEX IF NOT EXISTS kb_chunks_embedding_hnsw ON agent.kb_chunks "
                    + "USING hnsw (embedding_vector vector_cosine_ops)").update();
        } catch (DataAccessException e) {
            // HNSW needs pgvector 0.5; an exact scan over a few hundred rows is fast anyway.
            log.info("Knowledge base: no HNSW index ({}); pgvector scans all chunks", e.getMostSpecificCause().getMessage());
        }
        log.info("Knowledge base: pgvector in use, cosine distance (<=>) searched in PostgreSQL");
        return true;
    }

    /** The file hash of each document at its last sync. */
    Map<String, String> syncedHashes() {
        return jdbc.sql("""
                SELECT DISTINCT ON (document) document, file_hash, action FROM agent.kb_sync_log
                ORDER BY document, id DESC
                """)
                .query((rs, n) -> Map.entry(rs.getString(1), rs.getString("action").equals("removed") ? "" : rs.getString(2)))
                .list().stream().collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    }

    void replace(String document, List<MarkdownChunker.Chunk> chunks, List<float[]> embeddings, String fileHash,
                 String action, Instant at) {
        boolean vectors = pgvector();
        jdbc.sql("DELETE FROM agent.kb_chunks WHERE document = :d").param("d", document).update();
        for (int i = 0; i < chunks.size(); i++) {
            MarkdownChunker.Chunk c = chunks.get(i);
            jdbc.sql("""
                    INSERT INTO agent.kb_chunks (document, section, position, content, content_hash, embedding)
                    VALUES (:d, :s, :p, :c, md5(:c), :e)
                    """)
                    .param("d", document).param("s", c.section()).param("p", i).param("c", c.content())
                    .param("e", boxed(embeddings.get(i)))
                    .update();
        }
        if (vectors) {
            jdbc.sql("UPDATE agent.kb_chunks SET embedding_vector = embedding::vector(" + DIMENSIONS + ") WHERE document = :d")
                    .param("d", document).update();
        }
        jdbc.sql("""
                INSERT INTO agent.kb_sync_log (synced_at, document, file_hash, chunks, action)
                VALUES (:at, :d, :h, :n, :a)
                """)
                .param("at", Timestamp.from(at)).param("d", document).param("h", fileHash)
                .param("n", chunks.size()).param("a", action).update();
    }

    List<StoredChunk> all() {
        return jdbc.sql("SELECT document, section, content, embedding FROM agent.kb_chunks")
                .query((rs, n) -> new StoredChunk(rs.getString(1), rs.getString(2), rs.getString(3),
                        unboxed(rs.getArray(4))))
                .list();
    }

    /** pgvector only: the {@code limit} chunks nearest to {@code query} by cosine, with their similarity. */
    List<KbHit> nearest(float[] query, int limit) {
        return jdbc.sql("""
                SELECT document, section, content, 1 - (embedding_vector <=> CAST(:q AS vector)) AS similarity
                FROM agent.kb_chunks ORDER BY embedding_vector <=> CAST(:q AS vector) LIMIT :n
                """)
                .param("q", literal(query)).param("n", limit)
                .query((rs, n) -> new KbHit(rs.getString(1), rs.getString(2), rs.getString(3), rs.getDouble(4)))
                .list();
    }

    /** pgvector's text form, e.g. "[0.1,-0.25,3.0]". */
    static String literal(float[] v) {
        StringBuilder out = new StringBuilder(v.length * 12).append('[');
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                out.append(',');
            }
            out.append(v[i]);
        }
        return out.append(']').toString();
    }

    private static Float[] boxed(float[] v) {
        Float[] out = new Float[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = v[i];
        }
        return out;
    }

    private static float[] unboxed(Array array) throws java.sql.SQLException {
        Object[] values = (Object[]) array.getArray();
        float[] out = new float[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = ((Number) values[i]).floatValue();
        }
        return out;
    }
}
