package io.commandcenter.agent.kb;

import java.util.List;

import org.springframework.http.MediaType;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Serves a knowledge-base document as the agents saw it, so a citation can be opened and checked. */
@RestController
class KnowledgeBaseController {

    private final JdbcClient jdbc;

    KnowledgeBaseController(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    @GetMapping(path = {"/agents/kb/{document}", "/api/v1/agents/kb/{document}"}, produces = MediaType.TEXT_PLAIN_VALUE)
    String document(@PathVariable String document) {
        List<String> sections = jdbc.sql("""
                        SELECT content FROM agent.kb_chunks WHERE document = :document ORDER BY position
                        """)
                .param("document", document).query(String.class).list();
        if (sections.isEmpty()) {
            throw new UnknownDocument(document);
        }
        return String.join("\n\n", sections);
    }
}
