package io.commandcenter.agent.kb;

import java.sql.Array;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.springframework.jdbc.core.simple.JdbcClient;

class KbRepository {

    record StoredChunk(String document, String section, String content, float[] embedding) {
    }

    private final JdbcClient jdbc;

    KbRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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
