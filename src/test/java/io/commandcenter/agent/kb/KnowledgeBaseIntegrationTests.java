package io.commandcenter.agent.kb;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import io.commandcenter.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

@IntegrationTest
class KnowledgeBaseIntegrationTests {

    @Autowired KnowledgeBase knowledgeBase;
    @Autowired JdbcClient jdbc;

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            when should I use the emergency stop?             | safety-checklist.md
            how big is the battery bank?                      | hardware-inventory.md
            why do miners not flap between pause and resume?  | how-the-rules-work.md
            how does data flow from the clouds to the relays? | system-overview.md
            which inverter does the site have?                | hardware-inventory.md
            does manual beat automation?                      | how-the-rules-work.md
            """)
    void ranksTheRightDocumentFirst(String question, String document) {
        List<KbHit> hits = knowledgeBase.search(question, 3);

        assertThat(hits.get(0).document()).as(hits.toString()).isEqualTo(document);
    }

    @Test
    void reSyncsOnlyChangedDocumentsAndLogsIt(@TempDir Path dir) throws Exception {
        jdbc.sql("DELETE FROM agent.kb_sync_log WHERE document LIKE 'it-%'").update();
        jdbc.sql("DELETE FROM agent.kb_chunks WHERE document LIKE 'it-%'").update();
        knowledgeBase.sync();
        // One knowledge base per database: the site documents stay, so only the new file counts as a change.
        try (var shipped = Files.list(Path.of("docs/kb"))) {
            for (Path f : shipped.filter(p -> p.toString().endsWith(".md")).toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
        Path doc = dir.resolve("it-notes.md");
        Files.writeString(doc, "# Notes\n\n## Pump\n\nThe pump runs at noon.\n\n## Heater\n\nThe heater runs on surplus.\n");
        KnowledgeBase kb = new KnowledgeBase(jdbc, dir, Clock.systemUTC());

        assertThat(kb.sync()).isEqualTo(1);
        assertThat(kb.sync()).isZero();
        Files.writeString(doc, "# Notes\n\n## Pump\n\nThe pump runs at dawn.\n");
        assertThat(kb.sync()).isEqualTo(1);

        assertThat(jdbc.sql("SELECT section || ': ' || content FROM agent.kb_chunks WHERE document = 'it-notes.md'")
                .query(String.class).list()).containsExactly("Notes > Pump: The pump runs at dawn.");
        Files.delete(doc);
        assertThat(kb.sync()).isEqualTo(1);

        assertThat(jdbc.sql("SELECT action FROM agent.kb_sync_log WHERE document = 'it-notes.md' ORDER BY id")
                .query(String.class).list()).containsExactly("added", "updated", "removed");
        assertThat(jdbc.sql("SELECT count(*) FROM agent.kb_chunks WHERE document = 'it-notes.md'").query(Long.class).single())
                .isZero();
    }
}
