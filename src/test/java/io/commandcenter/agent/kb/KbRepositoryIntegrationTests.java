package io.commandcenter.agent.kb;

import static org.assertj.core.api.Assertions.assertThat;

import io.commandcenter.IntegrationTest;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;

/** pgvector is used only where the database has it; everywhere else the real[] path stays in charge. */
@IntegrationTest
class KbRepositoryIntegrationTests {

    @Autowired JdbcClient jdbc;
    @Autowired KnowledgeBase knowledgeBase;

    @Test
    void choosesTheStorageTheDatabaseOffers() {
        boolean available = KbRepository.available(jdbc);

        assertThat(new KbRepository(jdbc).pgvector()).isEqualTo(available);
        assertThat(knowledgeBase.storage()).isEqualTo(available ? "pgvector" : "real[]");
        assertThat(knowledgeBase.search("how big is the battery bank?", 1)).singleElement()
                .satisfies(hit -> assertThat(hit.document()).isEqualTo("hardware-inventory.md"));
    }

    @Test
    void withoutTheExtensionTheArrayPathIsKeptAndTheTableIsLeftAlone() {
        boolean available = KbRepository.available(jdbc);
        org.junit.jupiter.api.Assumptions.assumeFalse(available, "this database has pgvector");

        assertThat(KbRepository.setUpPgvector(jdbc, false)).isFalse();
        assertThat(vectorColumn()).isZero();
    }

    @Test
    void anExtensionThatCannotBeCreatedFallsBackToTheArrayPath() {
        org.junit.jupiter.api.Assumptions.assumeFalse(KbRepository.available(jdbc), "this database has pgvector");

        // Told it is available where it is not: CREATE EXTENSION fails, and the guard must catch it.
        assertThat(KbRepository.setUpPgvector(jdbc, true)).isFalse();
        assertThat(vectorColumn()).isZero();
    }

    @Test
    void writesVectorsInPgvectorsTextForm() {
        assertThat(KbRepository.literal(new float[] {0.5f, -0.25f, 3f})).isEqualTo("[0.5,-0.25,3.0]");
    }

    private long vectorColumn() {
        return jdbc.sql("""
                SELECT count(*) FROM information_schema.columns
                WHERE table_schema = 'agent' AND table_name = 'kb_chunks' AND column_name = 'embedding_vector'
                """).query(Long.class).single();
    }
}
